import { registerDecorator, type ValidationArguments } from 'class-validator';
import { toMinorUnits } from '../money/money.js';

/**
 * A JSON number that is finite and has at most two decimals, judged by the same decimal-text parsing
 * that converts it to minor units (so `1e-7` or `0.001` are refused, never half-converted).
 */
export function IsMoneyAmount(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isMoneyAmount',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'number') return false;
          try {
            toMinorUnits(value);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'amount'} must be a JSON number with at most 2 decimal places`,
      },
    });
  };
}
