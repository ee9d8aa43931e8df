import { ApiProperty } from '@nestjs/swagger';

export class SnapshotStateDto {
  @ApiProperty({ example: 'acc-123' })
  id: string;

  @ApiProperty({ example: 5000 })
  balance: number;

  @ApiProperty({ example: true })
  isActive: boolean;

  @ApiProperty({ example: 18 })
  transactionCount: number;

  @ApiProperty({ example: 1234567800 })
  openedAt: number;

  @ApiProperty({ nullable: true, type: Number, example: null })
  closedAt: number | null;
}

export class SnapshotResponseDto {
  @ApiProperty({ example: 'acc-123' })
  aggregateId: string;

  @ApiProperty({ example: 'BankAccount' })
  aggregateType: string;

  @ApiProperty({ description: 'Stream version the state includes', example: 20 })
  version: number;

  @ApiProperty({ type: SnapshotStateDto })
  state: SnapshotStateDto;

  @ApiProperty({ example: 1234567890 })
  timestamp: number;

  @ApiProperty({ description: 'Version of the state shape', example: 1 })
  schemaVersion: number;
}
