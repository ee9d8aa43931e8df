import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EventMetadataDto {
  @ApiProperty({ type: 'integer', description: 'Milliseconds since the epoch', example: 1234567890 })
  timestamp: number;

  @ApiProperty({ type: 'integer', description: 'Stream version after this event', example: 1 })
  version: number;

  @ApiProperty({ type: 'integer', description: 'Version of the shape of `data`', example: 1 })
  schemaVersion: number;

  @ApiPropertyOptional({ description: 'Id of the request that caused the event', example: 'req-42' })
  correlationId?: string;

  @ApiPropertyOptional({ description: 'Id of the command that produced the event' })
  causationId?: string;
}

/** An event as the events API shows it. */
export class EventResponseDto {
  @ApiProperty({ description: 'Unique event id: a UUIDv7, so ids sort in the order the events were made', example: '0192f3c4-7d1e-7a4b-9d2c-1f2e3d4c5b6a' })
  id: string;

  @ApiProperty({ type: 'integer', description: 'Global position, strictly increasing in read order', example: 1 })
  position: number;

  @ApiProperty({ example: 'acc-123' })
  aggregateId: string;

  @ApiProperty({ example: 'BankAccount' })
  aggregateType: string;

  @ApiProperty({ example: 'AccountOpened', description: 'AccountOpened, MoneyDeposited, MoneyWithdrawn, AccountClosed, ...' })
  eventType: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { initialBalance: 1000 } })
  data: Record<string, unknown>;

  @ApiProperty({ type: EventMetadataDto })
  metadata: EventMetadataDto;
}

/** The brief's first two events of acc-123. */
export const ACCOUNT_EVENTS_EXAMPLE = [
  {
    id: 'evt-001',
    position: 1,
    aggregateId: 'acc-123',
    aggregateType: 'BankAccount',
    eventType: 'AccountOpened',
    data: { initialBalance: 1000 },
    metadata: { timestamp: 1234567890, version: 1, schemaVersion: 1 },
  },
  {
    id: 'evt-002',
    position: 2,
    aggregateId: 'acc-123',
    aggregateType: 'BankAccount',
    eventType: 'MoneyDeposited',
    data: { amount: 500 },
    metadata: { timestamp: 1234567900, version: 2, schemaVersion: 1 },
  },
] satisfies EventResponseDto[];
