/**
 * Exact money at the API edge. Amounts travel as JSON numbers with at most two decimals and are held
 * inside the service as integer minor units (cents), so 0.1 + 0.2 is exactly 0.3.
 */

/** The largest balance the service can hold exactly: 2^53 - 1 minor units. */
export const MAX_BALANCE_MINOR = Number.MAX_SAFE_INTEGER;

/** The largest amount of a single operation, in major units (SPEC 2). */
export const MAX_OPERATION_AMOUNT = 1_000_000_000_000;

/**
 * Converts a decimal amount (at most two decimals) to integer minor units without floating-point
 * arithmetic: the shortest decimal text of the number is what the client sent, so it is parsed as text.
 * @throws RangeError when the number is not finite, has more than two decimals or is astronomically large.
 */
export function toMinorUnits(amount: number): number {
  if (!Number.isFinite(amount)) throw new RangeError(`amount ${amount} is not finite`);
  const text = String(Math.abs(amount));
  if (text.includes('e')) throw new RangeError(`amount ${amount} is outside the representable range`);
  const [whole, fraction = ''] = text.split('.');
  if (fraction.length > 2) throw new RangeError(`amount ${amount} has more than two decimals`);
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return amount < 0 ? -minor : minor;
}

/** Converts integer minor units to the decimal number the API shows (the double nearest the exact value). */
export function toMajorUnits(minor: number): number {
  return minor / 100;
}
