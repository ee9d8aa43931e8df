import { Query } from '@nestjs/cqrs';
import type { AccountView } from './account.view.js';

/** The state of an account now, at a stream version, or as of a time; with its newest transactions. */
export class GetAccountQuery extends Query<AccountView> {
  constructor(
    readonly accountId: string,
    readonly limit: number,
    readonly atVersion?: number,
    readonly asOf?: number,
  ) {
    super();
  }
}
