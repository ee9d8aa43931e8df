import { ApiProperty } from '@nestjs/swagger';
import { ProjectionReadResponseDto } from '../projection-read.response.dto.js';

class AccountBalanceDto {
  @ApiProperty({ example: 1300 })
  balance: number;

  @ApiProperty({ description: 'Timestamp of the last event applied to the account', example: 1234567890 })
  lastUpdated: number;

  @ApiProperty({ example: true })
  isActive: boolean;
}

class AccountBalancesDataDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/AccountBalanceDto' },
    example: { 'acc-123': { balance: 1300, lastUpdated: 1234567890, isActive: true } },
  })
  balances: Record<string, AccountBalanceDto>;
}

export class AccountBalancesResponseDto extends ProjectionReadResponseDto {
  @ApiProperty({ type: AccountBalancesDataDto })
  data: AccountBalancesDataDto;
}

export { AccountBalanceDto };
