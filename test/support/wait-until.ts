import { setTimeout as delay } from 'node:timers/promises';

/**
 * Resolves once `condition` holds, checking it every few milliseconds; fails after `timeoutMs`.
 * For states that have no event to await (e.g. a status another component sets).
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(5);
  }
}
