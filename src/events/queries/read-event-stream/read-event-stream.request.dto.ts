import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, Matches } from 'class-validator';
import { IsOptionalNotNull } from '../../../common/dto/api-properties.js';
import { IntQueryParam } from '../../../common/dto/query-params.js';

const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;

export class ReadEventStreamRequestDto {
  @IntQueryParam({ description: 'Return events with a position greater than this', min: 0, default: 0 })
  after?: number;

  @IntQueryParam({ description: 'At most this many events', min: 1, max: 10000, default: 1000 })
  limit?: number;

  @ApiPropertyOptional({
    type: String,
    description:
      'Only events of this current type, e.g. MoneyDeposited (which includes older events upcast to it, such as FundsDeposited); ' +
      'several as a comma-separated list or a repeated parameter',
  })
  @Transform(({ value }: { value: unknown }) =>
    (Array.isArray(value) ? value : [value]).flatMap((item) => (typeof item === 'string' ? item.split(',') : [item])),
  )
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(EVENT_TYPE, { each: true, message: 'eventType must be event type names like MoneyDeposited' })
  eventType?: string[];
}
