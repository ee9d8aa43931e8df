import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProjectionReadResponseDto } from '../projection-read.response.dto.js';

class TransactionHistoryEntryDto {
  @ApiProperty({ example: '0192f3c4-7d1e-7a4b-9d2c-1f2e3d4c5b6a' })
  eventId: string;

  @ApiProperty({ example: 2 })
  position: number;

  @ApiProperty({ example: 'acc-123' })
  accountId: string;

  @ApiProperty({ enum: ['deposit', 'withdrawal'], example: 'deposit' })
  type: 'deposit' | 'withdrawal';

  @ApiProperty({ example: 500 })
  amount: number;

  @ApiProperty({ description: "The account's balance after this transaction", example: 1500 })
  balanceAfter: number;

  @ApiProperty({ example: 1234567900 })
  timestamp: number;

  @ApiPropertyOptional({ description: 'Set on the legs of a transfer' })
  transferId?: string;
}

class TransactionHistoryDataDto {
  @ApiProperty({ type: [TransactionHistoryEntryDto] })
  transactions: TransactionHistoryEntryDto[];
}

export class TransactionHistoryResponseDto extends ProjectionReadResponseDto {
  @ApiProperty({ type: TransactionHistoryDataDto })
  data: TransactionHistoryDataDto;
}
