import { AccountIdProperty, AmountProperty, ExpectedVersionProperty } from '../../../common/dto/api-properties.js';

export class DepositMoneyRequestDto {
  @AccountIdProperty()
  accountId: string;

  @AmountProperty(500)
  amount: number;

  @ExpectedVersionProperty()
  expectedVersion?: number;
}
