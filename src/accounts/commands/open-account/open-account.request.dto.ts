import { AccountIdProperty, OptionalAmountProperty } from '../../../common/dto/api-properties.js';

export class OpenAccountRequestDto {
  @AccountIdProperty('Identifier of the new account')
  accountId: string;

  @OptionalAmountProperty(1000)
  initialBalance?: number;
}
