import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProjectionReadResponseDto } from '../projection-read.response.dto.js';

class TransactionHistoryEntryDto {
  @ApiProperty({ example: '0192f3c4-7d1e-7a4b-9d2c-1f2e3d4c5b6a' })
  eventId: string;

  @ApiProperty({ type: 'integer', description: 'Global position of the event', example: 2 })
  position: number;

  @ApiProperty({ example: 'acc-123' })
  accountId: string;

  @ApiProperty({ enum: ['deposit', 'withdrawal'], example: 'deposit' })
  type: 'deposit' | 'withdrawal';

  @ApiProperty({ description: 'Amount in major units', example: 500 })
  amount: number;

  @ApiProperty({ description: "The account's balance after this transaction", example: 1500 })
  balanceAfter: number;

  @ApiProperty({ type: 'integer', description: 'Milliseconds since the epoch', example: 1234567900 })
  timestamp: number;

  @ApiPropertyOptional({ description: 'Set on the legs of a transfer', example: 'tr-1' })
  transferId?: string;
}

class TransactionHistoryDataDto {
  @ApiProperty({ type: [TransactionHistoryEntryDto], description: 'In position order' })
  transactions: TransactionHistoryEntryDto[];
}

export class TransactionHistoryResponseDto extends ProjectionReadResponseDto {
  @ApiProperty({ type: TransactionHistoryDataDto })
  data: TransactionHistoryDataDto;
}

/** The brief's acc-123 deposit of 500 and withdrawal of 200. */
export const TRANSACTION_HISTORY_EXAMPLE = {
  name: 'TransactionHistory',
  lastProcessedEvent: 'evt-003',
  lastProcessedVersion: 3,
  data: {
    transactions: [
      { eventId: 'evt-002', position: 2, accountId: 'acc-123', type: 'deposit', amount: 500, balanceAfter: 1500, timestamp: 1234567900 },
      { eventId: 'evt-003', position: 3, accountId: 'acc-123', type: 'withdrawal', amount: 200, balanceAfter: 1300, timestamp: 1234567910 },
    ],
  },
} satisfies TransactionHistoryResponseDto;
