import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const TRANSFER_EXAMPLE = {
  transferId: '0192f3c4-7d1e-7a4b-9d2c-1f2e3d4c5b6a',
  fromAccountId: 'acc-123',
  toAccountId: 'acc-456',
  amount: 250,
  status: 'completed',
};

export class TransferResponseDto {
  @ApiProperty({ example: TRANSFER_EXAMPLE.transferId })
  transferId: string;

  @ApiProperty({ example: 'acc-123' })
  fromAccountId: string;

  @ApiProperty({ example: 'acc-456' })
  toAccountId: string;

  @ApiProperty({ description: 'Amount in major units', example: 250 })
  amount: number;

  @ApiProperty({
    enum: ['pending', 'completed', 'failed'],
    description: '`pending` until the target got the money (`completed`) or refused it and the source was refunded (`failed`)',
    example: 'completed',
  })
  status: string;

  @ApiPropertyOptional({ description: 'Why a failed transfer failed', example: 'ACCOUNT_NOT_FOUND: Account acc-456 not found' })
  reason?: string;
}
