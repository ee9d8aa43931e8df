import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TransactionResponseDto {
  @ApiProperty({ enum: ['deposit', 'withdrawal'], example: 'deposit' })
  type: 'deposit' | 'withdrawal';

  @ApiProperty({ description: 'Amount in major units', example: 500 })
  amount: number;

  @ApiProperty({ type: 'integer', description: 'Milliseconds since the epoch', example: 1234567890 })
  timestamp: number;

  @ApiProperty({ type: 'integer', description: 'Stream version of the event', example: 2 })
  version: number;

  @ApiProperty({ example: '0192f3c4-7d1e-7a4b-9d2c-1f2e3d4c5b6a' })
  eventId: string;

  @ApiPropertyOptional({ description: 'Set on the legs of a transfer', example: 'tr-1' })
  transferId?: string;
}

export class AccountResponseDto {
  @ApiProperty({ example: 'acc-123' })
  id: string;

  @ApiProperty({ type: 'integer', description: 'Stream version of the state shown', example: 5 })
  version: number;

  @ApiProperty({ description: 'Balance in major units', example: 1300 })
  balance: number;

  @ApiProperty({ description: 'false once the account is closed', example: true })
  isActive: boolean;

  @ApiProperty({ type: 'integer', description: 'All deposits and withdrawals ever (opening and closing are not counted)', example: 4 })
  transactionCount: number;

  @ApiProperty({ type: [TransactionResponseDto], description: 'The newest `limit` transactions, oldest first' })
  transactions: TransactionResponseDto[];

  @ApiProperty({ type: 'integer', description: 'When the account was opened (ms since the epoch)', example: 1234567890 })
  openedAt: number;

  @ApiPropertyOptional({ type: 'integer', description: 'When the account was closed (ms since the epoch)', example: 1234567990 })
  closedAt?: number;
}

/** The brief's acc-123 after 5 events: opened with 1000, +500, -200, +250, -250. */
export const ACCOUNT_EXAMPLE = {
  id: 'acc-123',
  version: 5,
  balance: 1300,
  isActive: true,
  transactionCount: 4,
  transactions: [
    { type: 'deposit', amount: 500, timestamp: 1234567900, version: 2, eventId: 'evt-002' },
    { type: 'withdrawal', amount: 200, timestamp: 1234567910, version: 3, eventId: 'evt-003' },
    { type: 'deposit', amount: 250, timestamp: 1234567920, version: 4, eventId: 'evt-004' },
    { type: 'withdrawal', amount: 250, timestamp: 1234567930, version: 5, eventId: 'evt-005' },
  ],
  openedAt: 1234567890,
} satisfies AccountResponseDto;
