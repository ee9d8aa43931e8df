import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TransactionResponseDto {
  @ApiProperty({ enum: ['deposit', 'withdrawal'], example: 'deposit' })
  type: 'deposit' | 'withdrawal';

  @ApiProperty({ example: 500 })
  amount: number;

  @ApiProperty({ description: 'Milliseconds since the epoch', example: 1234567890 })
  timestamp: number;

  @ApiProperty({ description: 'Stream version of the event', example: 2 })
  version: number;

  @ApiProperty({ example: '0192f3c4-7d1e-7a4b-9d2c-1f2e3d4c5b6a' })
  eventId: string;

  @ApiPropertyOptional({ description: 'Set on the legs of a transfer' })
  transferId?: string;
}

export class AccountResponseDto {
  @ApiProperty({ example: 'acc-123' })
  id: string;

  @ApiProperty({ description: 'Stream version of the state shown', example: 5 })
  version: number;

  @ApiProperty({ example: 1300 })
  balance: number;

  @ApiProperty({ example: true })
  isActive: boolean;

  @ApiProperty({ description: 'All deposits and withdrawals ever (opening and closing are not counted)', example: 4 })
  transactionCount: number;

  @ApiProperty({ type: [TransactionResponseDto], description: 'The newest `limit` transactions, oldest first' })
  transactions: TransactionResponseDto[];

  @ApiProperty({ example: 1234567800 })
  openedAt: number;

  @ApiPropertyOptional({ example: 1234567990 })
  closedAt?: number;
}
