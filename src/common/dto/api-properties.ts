import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsMoneyAmount } from './is-money-amount.decorator.js';
import { MAX_OPERATION_AMOUNT } from '../money/money.js';

/** Account ids: 1-64 characters, letters, digits, `.`, `_`, `-`, not starting with a symbol. */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Validates only when the property is present; unlike @IsOptional, an explicit null is refused. */
export function IsOptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** A required account id in a request body. */
export function AccountIdProperty(description = 'Account identifier'): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description, example: 'acc-123', pattern: ACCOUNT_ID_PATTERN.source, minLength: 1, maxLength: 64 }),
    IsString(),
    Matches(ACCOUNT_ID_PATTERN, { message: '$property must match ' + ACCOUNT_ID_PATTERN.source }),
  );
}

/** A required amount of money: a JSON number > 0 with at most 2 decimals. */
export function AmountProperty(example: number): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: 'Amount in major units: a JSON number > 0 with at most 2 decimals',
      example,
      type: Number,
      minimum: 0.01,
      maximum: MAX_OPERATION_AMOUNT,
      multipleOf: 0.01,
    }),
    IsMoneyAmount(),
    Min(0.01),
    Max(MAX_OPERATION_AMOUNT),
  );
}

/** An optional amount that may be 0 (the opening balance). */
export function OptionalAmountProperty(example: number): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description: 'Amount in major units: a JSON number >= 0 with at most 2 decimals (default 0)',
      example,
      type: Number,
      minimum: 0,
      maximum: MAX_OPERATION_AMOUNT,
      multipleOf: 0.01,
      default: 0,
    }),
    IsOptionalNotNull(),
    IsMoneyAmount(),
    Min(0),
    Max(MAX_OPERATION_AMOUNT),
  );
}

/** The optional `expectedVersion` of a command: refuse unless the account is at this version. */
export function ExpectedVersionProperty(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description: 'Refuse the command (409 VERSION_CONFLICT) unless the account is at exactly this version',
      example: 1,
      type: 'integer',
      minimum: 0,
    }),
    IsOptionalNotNull(),
    IsInt(),
    Min(0),
  );
}
