/**
 * The remembered response of an idempotent repeat. Thrown by {@link IdempotencyGate} so that
 * {@link HttpErrorFilter} sends the stored status and body verbatim, whatever the route's own status.
 */
export class ReplayedResponse {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
  ) {}
}
