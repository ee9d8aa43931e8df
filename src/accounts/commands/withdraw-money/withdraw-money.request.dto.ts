import { AccountIdProperty, AmountProperty, ExpectedVersionProperty } from '../../../common/dto/api-properties.js';

export class WithdrawMoneyRequestDto {
  @AccountIdProperty()
  accountId: string;

  @AmountProperty(200)
  amount: number;

  @ExpectedVersionProperty()
  expectedVersion?: number;
}
