/**
 * How events are cut into batches: `undefined` one batch, a number batches of that size, an array the
 * sizes of the first batches (the rest forms a last batch).
 */
export type Batching = number | readonly number[] | undefined;

/** Cuts `items` into consecutive batches as `batching` says. @throws RangeError for a size below 1. */
export function inBatches<T>(items: readonly T[], batching: Batching): T[][] {
  const sizes = Array.isArray(batching) ? [...batching] : [];
  const size = typeof batching === 'number' ? batching : Number.POSITIVE_INFINITY;
  const valid = (n: number) => n === Number.POSITIVE_INFINITY || (Number.isInteger(n) && n >= 1);
  if (![size, ...sizes].every(valid)) {
    throw new RangeError(`batch sizes must be integers of at least 1, not ${String(batching)}`);
  }
  const batches: T[][] = [];
  let index = 0;
  while (index < items.length) {
    const next = sizes.length > 0 ? sizes.shift()! : size;
    batches.push(items.slice(index, index + next));
    index += next;
  }
  return batches;
}
