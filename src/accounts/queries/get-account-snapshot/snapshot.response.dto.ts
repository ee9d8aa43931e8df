import { ApiProperty } from '@nestjs/swagger';

export class SnapshotStateDto {
  @ApiProperty({ example: 'acc-123' })
  id: string;

  @ApiProperty({ example: 5000 })
  balance: number;

  @ApiProperty({ example: true })
  isActive: boolean;

  @ApiProperty({ type: 'integer', example: 18 })
  transactionCount: number;

  @ApiProperty({ type: 'integer', example: 1234567800 })
  openedAt: number;

  @ApiProperty({ nullable: true, type: 'integer', example: null })
  closedAt: number | null;
}

export class SnapshotResponseDto {
  @ApiProperty({ example: 'acc-123' })
  aggregateId: string;

  @ApiProperty({ example: 'BankAccount' })
  aggregateType: string;

  @ApiProperty({ type: 'integer', description: 'Stream version the state includes', example: 20 })
  version: number;

  @ApiProperty({ type: SnapshotStateDto, description: "The aggregate's state, small however long the history" })
  state: SnapshotStateDto;

  @ApiProperty({ type: 'integer', description: 'When the snapshot was taken (ms since the epoch)', example: 1234567890 })
  timestamp: number;

  @ApiProperty({ type: 'integer', description: 'Version of the state shape; older ones are ignored', example: 1 })
  schemaVersion: number;
}

/** The brief's snapshot of acc-123 at version 20. */
export const SNAPSHOT_EXAMPLE = {
  aggregateId: 'acc-123',
  aggregateType: 'BankAccount',
  version: 20,
  state: { id: 'acc-123', balance: 5000, isActive: true, transactionCount: 19, openedAt: 1234567800, closedAt: null },
  timestamp: 1234567890,
  schemaVersion: 1,
} satisfies SnapshotResponseDto;
