import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { type ErrorBody, errorBody } from '../errors/error-body.js';
import { ValidationFailedError } from '../errors/validation-failed.error.js';

/** Keys that would reach object prototypes if a body were merged somewhere; never valid fields here. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The deepest nesting of objects and arrays a body may have. No request of the API nests more than
 * two levels; deeper bodies are refused before validation and transformation, which walk them
 * recursively and would run out of stack (a 500) on thousands of levels.
 */
export const MAX_BODY_DEPTH = 32;

/**
 * JSON body parsing that answers in the API's error shape (Express would answer with HTML): a body over
 * `limit` is 413 PAYLOAD_TOO_LARGE, unparseable JSON is 400 MALFORMED_JSON, an unsupported charset or
 * encoding is 415, and valid JSON that is not an object (or carries a prototype key, or nests deeper
 * than {@link MAX_BODY_DEPTH}) is 400 VALIDATION_FAILED.
 */
export function jsonBodyParser(limit: string | number): RequestHandler {
  const parse = express.json({ limit, strict: false });
  return (request: Request, response: Response, next: NextFunction) => {
    parse(request, response, (error?: unknown) => {
      const refusal = error ? parseErrorBody(error, limit) : shapeErrorBody(request.body);
      if (!refusal) return next();
      response.status(refusal.statusCode).json(refusal);
    });
  };
}

function parseErrorBody(error: unknown, limit: string | number): ErrorBody {
  switch ((error as { type?: string }).type) {
    case 'entity.too.large':
      return errorBody('PAYLOAD_TOO_LARGE', `Request body is larger than the limit of ${limit} bytes`);
    case 'entity.parse.failed':
      return errorBody('MALFORMED_JSON', 'Request body is not valid JSON');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return errorBody('UNSUPPORTED_MEDIA_TYPE', 'Request body must be UTF-8 JSON without content encoding');
    default:
      return errorBody('VALIDATION_FAILED', 'Request body could not be read', {
        details: [{ field: '(body)', problems: ['could not be read'] }],
      });
  }
}

function shapeErrorBody(body: unknown): ErrorBody | null {
  if (body === undefined) return null;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return errorBody('VALIDATION_FAILED', 'Request body must be a JSON object', {
      details: [{ field: '(body)', problems: ['must be a JSON object'] }],
    });
  }
  const problem = structuralProblemIn(body);
  if (problem === null) return null;
  const { field } = problem;
  if (problem.kind === 'forbidden') {
    const unexpected = ValidationFailedError.unexpected([field]);
    return errorBody(unexpected.code, unexpected.message, unexpected.extra);
  }
  return errorBody('VALIDATION_FAILED', `Request body nests deeper than ${MAX_BODY_DEPTH} levels`, {
    details: [{ field, problems: [`nests deeper than ${MAX_BODY_DEPTH} levels`] }],
  });
}

/**
 * The first prototype key in `body` or the first value nested deeper than {@link MAX_BODY_DEPTH}, with
 * its dotted path. Walks with a stack of its own, so no body can exhaust the call stack here.
 */
function structuralProblemIn(body: object): { kind: 'forbidden' | 'too-deep'; field: string } | null {
  const pending: Array<{ value: object; path: string; depth: number }> = [{ value: body, path: '', depth: 1 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path, depth } = next;
    if (depth > MAX_BODY_DEPTH) return { kind: 'too-deep', field: path };
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return { kind: 'forbidden', field };
      const child = (value as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) pending.push({ value: child, path: field, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * Every POST takes a JSON body, except the routes of `otherBodyTypes` (path → the content type they
 * take, a body streamed to its handler and never parsed here): another content type is 415.
 */
export function requireBodyTypes(otherBodyTypes: Readonly<Record<string, string>> = {}): (request: Request, response: Response, next: NextFunction) => void {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'POST') return next();
    const other = otherBodyTypes[request.path];
    if (!request.is(other ?? 'application/json')) {
      const body = errorBody(
        'UNSUPPORTED_MEDIA_TYPE',
        other
          ? `POST ${request.path} takes ${other}: send Content-Type: ${other}`
          : 'POST requests take a JSON body: send Content-Type: application/json',
      );
      response.status(body.statusCode).json(body);
      return;
    }
    next();
  };
}
