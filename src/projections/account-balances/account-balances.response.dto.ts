import { ApiProperty } from '@nestjs/swagger';
import { ProjectionReadResponseDto } from '../projection-read.response.dto.js';

class AccountBalanceDto {
  @ApiProperty({ description: 'Balance in major units', example: 1300 })
  balance: number;

  @ApiProperty({ type: 'integer', description: 'Timestamp of the last event applied to the account', example: 1234567890 })
  lastUpdated: number;

  @ApiProperty({ example: true })
  isActive: boolean;
}

class AccountBalancesDataDto {
  @ApiProperty({
    type: 'object',
    description: 'Balances by account id, in ascending id order',
    additionalProperties: { $ref: '#/components/schemas/AccountBalanceDto' },
    example: { 'acc-123': { balance: 1300, lastUpdated: 1234567890, isActive: true } },
  })
  balances: Record<string, AccountBalanceDto>;
}

export class AccountBalancesResponseDto extends ProjectionReadResponseDto {
  @ApiProperty({ type: AccountBalancesDataDto })
  data: AccountBalancesDataDto;
}

/** The brief's AccountBalances read. */
export const ACCOUNT_BALANCES_EXAMPLE = {
  name: 'AccountBalances',
  lastProcessedEvent: 'evt-015',
  lastProcessedVersion: 15,
  data: {
    balances: {
      'acc-123': { balance: 1300, lastUpdated: 1234567890, isActive: true },
      'acc-456': { balance: 5000, lastUpdated: 1234567900, isActive: true },
    },
  },
} satisfies AccountBalancesResponseDto;

export { AccountBalanceDto };
