import { AsyncLocalStorage } from 'node:async_hooks';

const requestIds = new AsyncLocalStorage<string>();

/** Runs `next` (the rest of a request's handling) with `id` as the current request id. */
export function runInRequest(id: string, next: () => void): void {
  requestIds.run(id, next);
}

/** The id of the request being handled, if any: every log line written meanwhile carries it. */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}
