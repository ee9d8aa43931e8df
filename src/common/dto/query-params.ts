import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsOptionalNotNull } from './api-properties.js';

/** Turns a decimal-digits query string into a number; anything else stays a string and fails IsInt. */
export const toIntegerIfDigits = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;

/** An optional integer query parameter within [min, max]. */
export function IntQueryParam(options: { description: string; min: number; max?: number; default?: number; example?: number }): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'integer',
      description: options.description,
      minimum: options.min,
      maximum: options.max,
      default: options.default,
      example: options.example,
    }),
    Transform(toIntegerIfDigits),
    IsOptionalNotNull(),
    IsInt(),
    Min(options.min),
    ...(options.max === undefined ? [] : [Max(options.max)]),
  );
}
