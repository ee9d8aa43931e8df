import { AccountIdProperty, ExpectedVersionProperty } from '../../../common/dto/api-properties.js';

export class CloseAccountRequestDto {
  @AccountIdProperty()
  accountId: string;

  @ExpectedVersionProperty()
  expectedVersion?: number;
}
