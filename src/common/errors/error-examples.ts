import type { ErrorCode } from './error-code.js';

/** What the OpenAPI document shows for one error code: when it happens (plain text) and a body the service gives. */
export interface ErrorExample {
  summary: string;
  message: string;
  extra?: Record<string, unknown>;
}

/** One realistic example per error code, in the words the service uses (see the error classes). */
export const ERROR_EXAMPLES: Record<ErrorCode, ErrorExample> = {
  VALIDATION_FAILED: {
    summary: 'A field is missing, unknown, of the wrong type or out of range',
    message: 'amount must be a JSON number with at most 2 decimal places',
    extra: { details: [{ field: 'amount', problems: ['amount must be a JSON number with at most 2 decimal places'] }] },
  },
  MALFORMED_JSON: { summary: 'The body is not valid JSON', message: 'Request body is not valid JSON' },
  UNAUTHORIZED: {
    summary: 'Tokens are configured and the request lacks the right bearer token',
    message: 'Missing or invalid bearer token',
  },
  ACCOUNT_NOT_FOUND: { summary: 'No account has this id', message: 'Account acc-123 not found' },
  TRANSFER_NOT_FOUND: { summary: 'No transfer has this id', message: 'Transfer tr-1 not found' },
  PROJECTION_NOT_FOUND: {
    summary: 'No projection has this name',
    message: 'Projection Balances not found; known projections: AccountBalances, TransactionHistory, DailySummary, Stats',
  },
  SNAPSHOT_NOT_FOUND: { summary: 'The account has no snapshot yet', message: 'Account acc-123 has no snapshot yet' },
  NOT_FOUND: { summary: 'No such route', message: 'Route not found' },
  ACCOUNT_ALREADY_EXISTS: { summary: 'An account with this id exists', message: 'Account acc-123 already exists' },
  ACCOUNT_CLOSED: { summary: 'The account is closed and takes no command', message: 'Account acc-123 is closed' },
  VERSION_CONFLICT: {
    summary: 'expectedVersion differs from the current version',
    message: 'Account acc-123 is at version 5, not the expected 4',
    extra: { currentVersion: 5 },
  },
  IDEMPOTENCY_KEY_REUSED: {
    summary: 'The Idempotency-Key was used for a different route or body',
    message: 'Idempotency-Key 7f3c2a was already used for a different request',
  },
  MALFORMED_REQUEST: {
    summary: 'The request is not valid HTTP/1.1 (answered before routing; the connection closes)',
    message: 'The request could not be parsed as HTTP',
  },
  REQUEST_TIMEOUT: {
    summary: 'The request did not arrive within the server\'s request timeout (the connection closes)',
    message: 'The request did not arrive in time',
  },
  HEADERS_TOO_LARGE: {
    summary: 'The request headers are over the server\'s limit (16 KiB by default; the connection closes)',
    message: 'Request headers are larger than the server accepts',
  },
  PAYLOAD_TOO_LARGE: { summary: 'The body is over BODY_LIMIT', message: 'Request body is larger than the limit of 102400 bytes' },
  UNSUPPORTED_MEDIA_TYPE: {
    summary: 'The body is not UTF-8 application/json',
    message: 'POST requests take a JSON body: send Content-Type: application/json',
  },
  INSUFFICIENT_FUNDS: {
    summary: 'The balance would go below 0',
    message: 'Account acc-123 has a balance of 100, less than the 200 requested',
  },
  BALANCE_NOT_ZERO: {
    summary: 'Only an account with a balance of exactly 0 can be closed',
    message: 'Account acc-123 has a balance of 1300; withdraw it before closing',
  },
  AMOUNT_OUT_OF_RANGE: {
    summary: 'The balance would pass the largest amount held exactly',
    message: 'The balance of account acc-123 would exceed the largest amount the service can hold exactly',
  },
  SAME_ACCOUNT: { summary: 'A transfer names one account as source and target', message: 'Cannot transfer from acc-123 to itself' },
  INTERNAL_ERROR: { summary: 'An unexpected failure; details stay in the log', message: 'Internal server error' },
  STORE_UNAVAILABLE: {
    summary: 'The event store does not answer; nothing was appended',
    message: 'The event store is unavailable; retry later',
  },
  TIMEOUT: {
    summary: 'The projection did not reach minPosition within 5 s',
    message: 'Projection AccountBalances reached position 40, not 42, within 5000 ms',
    extra: { lastProcessedVersion: 40 },
  },
};
