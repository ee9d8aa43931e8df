import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ACCOUNT_ID_PATTERN, AccountIdProperty, AmountProperty, IsOptionalNotNull } from '../../../common/dto/api-properties.js';

export class TransferMoneyRequestDto {
  @AccountIdProperty('The account the money leaves')
  fromAccountId: string;

  @AccountIdProperty('The account the money goes to')
  toAccountId: string;

  @AmountProperty(250)
  amount: number;

  @ApiPropertyOptional({
    description:
      'Your id for the transfer (same pattern as account ids): sending it again with the same accounts and amount ' +
      'answers with the transfer instead of making another. Generated when absent.',
    pattern: ACCOUNT_ID_PATTERN.source,
    minLength: 1,
    maxLength: 64,
  })
  @IsOptionalNotNull()
  @IsString()
  @Matches(ACCOUNT_ID_PATTERN, { message: '$property must match ' + ACCOUNT_ID_PATTERN.source })
  transferId?: string;
}
