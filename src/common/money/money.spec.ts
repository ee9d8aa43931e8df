import { toMajorUnits, toMinorUnits } from './money.js';

describe('money', () => {
  it('converts decimals to minor units exactly', () => {
    expect(toMinorUnits(0.1)).toBe(10);
    expect(toMinorUnits(0.29)).toBe(29);
    expect(toMinorUnits(1.15)).toBe(115);
    expect(toMinorUnits(1000)).toBe(100000);
    expect(toMinorUnits(1_000_000_000_000)).toBe(100_000_000_000_000);
    expect(toMinorUnits(0)).toBe(0);
  });

  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    expect(toMajorUnits(toMinorUnits(0.1) + toMinorUnits(0.2))).toBe(0.3);
  });

  it('refuses more than two decimals and non-finite numbers', () => {
    expect(() => toMinorUnits(0.001)).toThrow(RangeError);
    expect(() => toMinorUnits(Number.NaN)).toThrow(RangeError);
    expect(() => toMinorUnits(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
