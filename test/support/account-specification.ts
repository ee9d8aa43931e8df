import { BankAccount } from '../../src/accounts/domain/bank-account.aggregate.js';
import type { AccountEvent } from '../../src/accounts/domain/events/account-event.js';

type Decision = (account: BankAccount | null) => BankAccount;

/**
 * Given/when/then for the BankAccount aggregate: given past events, when a decision runs, then
 * exactly these new events are applied, or this error is thrown and nothing is applied.
 */
export function givenAccount(id: string, ...history: AccountEvent[]) {
  return {
    when(decision: Decision) {
      const run = () => decision(history.length === 0 ? null : BankAccount.rehydrate(id, null, history));
      return {
        then(expected: AccountEvent[]): BankAccount {
          const account = run();
          expect(account.getUncommittedEvents()).toEqual(expected);
          return account;
        },
        thenThrows(error: new (...args: never[]) => Error): void {
          expect(run).toThrow(error);
        },
      };
    },
  };
}
