import type { BankAccount } from '../../src/accounts/domain/bank-account.aggregate.js';
import { BANK_ACCOUNT } from '../../src/accounts/domain/bank-account.definition.js';
import type { AccountEvent } from '../../src/accounts/domain/events/account-event.js';
import { aggregateSpecification } from '../../src/testing/aggregate-specification.js';

type Decision = (account: BankAccount | null) => BankAccount;

/**
 * Given/when/then for the BankAccount aggregate (the testing kit's aggregateSpecification): given past
 * events, when a decision runs, then exactly these new events are applied, or this error is thrown.
 */
export function givenAccount(id: string, ...history: AccountEvent[]) {
  const given = aggregateSpecification(BANK_ACCOUNT.create, id).given(...history);
  return {
    when(decision: Decision) {
      const then = given.when(decision);
      return {
        then: (expected: AccountEvent[]): BankAccount => then.then(...expected),
        thenThrows: (error: new (...args: never[]) => Error): void => then.thenThrows(error),
      };
    },
  };
}
