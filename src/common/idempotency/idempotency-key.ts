import type { Request } from 'express';
import type { CommandIdempotency } from '../../eventsourcing/command-context.js';
import { ValidationFailedError } from '../errors/validation-failed.error.js';
import { isPrintableId } from '../http/header-value.js';
import { requestFingerprint } from './request-fingerprint.js';

/**
 * The request's `Idempotency-Key` with the fingerprint of its route and body, or undefined without the
 * header; VALIDATION_FAILED when the key is not 1-128 printable ASCII characters.
 */
export function idempotencyOf(request: Request): CommandIdempotency | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!isPrintableId(key)) {
    throw new ValidationFailedError('Invalid Idempotency-Key header', [
      { field: 'Idempotency-Key', problems: ['must be 1-128 printable ASCII characters'] },
    ]);
  }
  return { key, fingerprint: requestFingerprint(request.method, request.path, request.body) };
}
