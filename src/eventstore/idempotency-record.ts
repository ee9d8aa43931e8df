/** The remembered outcome of a command sent with an `Idempotency-Key`. */
export interface IdempotencyRecord {
  key: string;
  /** Hash of the route and body; a repeat with another fingerprint is refused. */
  fingerprint: string;
  /** HTTP status and JSON body of the first response, returned again to every repeat. */
  statusCode: number;
  body: unknown;
  createdAt: number;
}
