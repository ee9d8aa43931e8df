import { STATUS_CODES } from 'node:http';
import { ERROR_HTTP_STATUS, type ErrorCode } from './error-code.js';

/** The one JSON error shape of the API. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  error: string;
  details?: unknown;
  [extra: string]: unknown;
}

/** Builds the error body for a code; `extra` fields (e.g. `currentVersion`, `details`) are merged in. */
export function errorBody(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): ErrorBody {
  const statusCode = ERROR_HTTP_STATUS[code];
  return { statusCode, code, message, error: STATUS_CODES[statusCode] ?? 'Error', ...extra };
}
