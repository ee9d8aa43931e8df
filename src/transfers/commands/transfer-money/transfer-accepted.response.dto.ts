import { ApiProperty } from '@nestjs/swagger';

export class TransferAcceptedResponseDto {
  @ApiProperty({ example: '0192f3c4-7d1e-7a4b-9d2c-1f2e3d4c5b6a' })
  transferId: string;

  @ApiProperty({ enum: ['pending', 'completed', 'failed'], example: 'pending' })
  status: string;
}
