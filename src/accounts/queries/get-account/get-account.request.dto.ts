import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { IsOptionalNotNull } from '../../../common/dto/api-properties.js';
import { IntQueryParam } from '../../../common/dto/query-params.js';

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** `asOf` as milliseconds or ISO-8601 → milliseconds; anything else stays a string and fails validation. */
function toTimestamp({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  if (/^\d{1,15}$/.test(value)) return Number(value);
  const match = ISO_8601.exec(value);
  if (!match || !isRealDateTime(match)) return value;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? value : parsed;
}

/** Date.parse rolls 2026-02-30 over to March; a calendar date and clock time must exist as written. */
function isRealDateTime([, year, month, day, hour = '0', minute = '0', second = '0']: RegExpExecArray): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day) &&
    Number(hour) < 24 &&
    Number(minute) < 60 &&
    Number(second) < 60
  );
}

export class GetAccountRequestDto {
  @IntQueryParam({ description: 'How many of the newest transactions to list', min: 0, max: 1000, default: 50 })
  limit?: number;

  @IntQueryParam({ description: 'Time travel: the state as of this stream version, e.g. 3', min: 1 })
  atVersion?: number;

  @ApiPropertyOptional({
    type: String,
    description: 'Time travel: the state as of this time, in milliseconds since the epoch or ISO-8601 (e.g. 2026-01-31T12:00:00Z)',
  })
  @Transform(toTimestamp)
  @IsOptionalNotNull()
  // Decorators apply bottom-up and class-validator checks in that order: the type first, so a string
  // that is not a time gets the message that says so rather than the range's.
  @Min(0)
  @IsInt({ message: 'asOf must be milliseconds since the epoch or an ISO-8601 date-time' })
  asOf?: number;
}
