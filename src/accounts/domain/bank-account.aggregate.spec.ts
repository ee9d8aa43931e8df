import { givenAccount } from '../../../test/support/account-specification.js';
import { BankAccount } from './bank-account.aggregate.js';
import { AccountClosedError } from './errors/account-closed.error.js';
import { AmountOutOfRangeError } from './errors/amount-out-of-range.error.js';
import { BalanceNotZeroError } from './errors/balance-not-zero.error.js';
import { InsufficientFundsError } from './errors/insufficient-funds.error.js';
import { AccountClosed } from './events/account-closed.event.js';
import { AccountOpened } from './events/account-opened.event.js';
import { MoneyDeposited } from './events/money-deposited.event.js';
import { MoneyWithdrawn } from './events/money-withdrawn.event.js';

const T0 = 1_700_000_000_000;
const ID = 'acc-1';
const opened = (cents: number) => new AccountOpened(ID, cents, T0);

describe('BankAccount', () => {
  describe('open', () => {
    it('given nothing, when opened, then AccountOpened with the opening balance', () => {
      givenAccount(ID)
        .when(() => BankAccount.open(ID, 100_000, T0))
        .then([new AccountOpened(ID, 100_000, T0)]);
    });
  });

  describe('deposit', () => {
    it('given an open account, when depositing, then MoneyDeposited and the balance grows', () => {
      const account = givenAccount(ID, opened(1000))
        .when((a) => (a!.deposit(500, T0 + 1), a!))
        .then([new MoneyDeposited(ID, 500, T0 + 1)]);
      expect(account.balance).toBe(1500);
      expect(account.version).toBe(2);
      expect(account.persistedVersion).toBe(1);
    });

    it('given a closed account, when depositing, then ACCOUNT_CLOSED', () => {
      givenAccount(ID, opened(0), new AccountClosed(ID, T0 + 1))
        .when((a) => (a!.deposit(1, T0 + 2), a!))
        .thenThrows(AccountClosedError);
    });

    it('given a balance near 2^53-1 cents, when depositing past it, then AMOUNT_OUT_OF_RANGE', () => {
      givenAccount(ID, opened(Number.MAX_SAFE_INTEGER - 10))
        .when((a) => (a!.deposit(11, T0 + 1), a!))
        .thenThrows(AmountOutOfRangeError);
    });

    it('given a balance near 2^53-1 cents, when depositing exactly up to it, then MoneyDeposited', () => {
      givenAccount(ID, opened(Number.MAX_SAFE_INTEGER - 10))
        .when((a) => (a!.deposit(10, T0 + 1), a!))
        .then([new MoneyDeposited(ID, 10, T0 + 1)]);
    });
  });

  describe('withdraw', () => {
    it('given enough money, when withdrawing all of it, then MoneyWithdrawn and a zero balance', () => {
      const account = givenAccount(ID, opened(1000), new MoneyDeposited(ID, 500, T0 + 1))
        .when((a) => (a!.withdraw(1500, T0 + 2), a!))
        .then([new MoneyWithdrawn(ID, 1500, T0 + 2)]);
      expect(account.balance).toBe(0);
    });

    it('given too little money, when withdrawing, then INSUFFICIENT_FUNDS', () => {
      givenAccount(ID, opened(1000), new MoneyWithdrawn(ID, 999, T0 + 1))
        .when((a) => (a!.withdraw(2, T0 + 2), a!))
        .thenThrows(InsufficientFundsError);
    });

    it('given a closed account, when withdrawing, then ACCOUNT_CLOSED', () => {
      givenAccount(ID, opened(0), new AccountClosed(ID, T0 + 1))
        .when((a) => (a!.withdraw(1, T0 + 2), a!))
        .thenThrows(AccountClosedError);
    });
  });

  describe('transfer legs', () => {
    const leg = { transferId: 't-1', toAccountId: 'acc-2' };

    it('given an open account, when withdrawing for a transfer, then MoneyWithdrawn carries the transfer and its target', () => {
      const account = givenAccount(ID, opened(1000))
        .when((a) => (a!.withdraw(400, T0 + 1, leg), a!))
        .then([new MoneyWithdrawn(ID, 400, T0 + 1, leg)]);
      expect(account.getUncommittedEvents()[0].toData()).toEqual({ amount: 4, transferId: 't-1', toAccountId: 'acc-2' });
    });

    it('given a stored leg, when rebuilt from its data, then the leg comes back', () => {
      const stored = new MoneyDeposited(ID, 400, T0, { transferId: 't-1', fromAccountId: 'acc-0' }).toData();
      expect(MoneyDeposited.fromData(ID, stored, T0)).toEqual(new MoneyDeposited(ID, 400, T0, { transferId: 't-1', fromAccountId: 'acc-0' }));
      expect(MoneyDeposited.fromData(ID, { amount: 4 }, T0).transfer).toBeUndefined();
    });

    it('given an account closed since it paid a transfer, when refunded, then MoneyDeposited with the reason (a refund is never refused)', () => {
      const refund = { transferId: 't-1', reason: 'ACCOUNT_NOT_FOUND: Account acc-2 not found' };
      const account = givenAccount(ID, opened(0), new AccountClosed(ID, T0 + 1))
        .when((a) => (a!.refund(400, T0 + 2, refund), a!))
        .then([new MoneyDeposited(ID, 400, T0 + 2, refund)]);
      expect([account.balance, account.isActive]).toEqual([400, false]);
    });

    it('given a balance near the limit, when refunded past it, then AMOUNT_OUT_OF_RANGE', () => {
      givenAccount(ID, opened(Number.MAX_SAFE_INTEGER - 1))
        .when((a) => (a!.refund(2, T0 + 1, { transferId: 't-1', reason: 'r' }), a!))
        .thenThrows(AmountOutOfRangeError);
    });
  });

  describe('close', () => {
    it('given a zero balance, when closing, then AccountClosed and the account is inactive', () => {
      const account = givenAccount(ID, opened(500), new MoneyWithdrawn(ID, 500, T0 + 1))
        .when((a) => (a!.close(T0 + 2), a!))
        .then([new AccountClosed(ID, T0 + 2)]);
      expect(account.isActive).toBe(false);
      expect(account.snapshotState().closedAt).toBe(T0 + 2);
    });

    it('given a non-zero balance, when closing, then BALANCE_NOT_ZERO', () => {
      givenAccount(ID, opened(1))
        .when((a) => (a!.close(T0 + 1), a!))
        .thenThrows(BalanceNotZeroError);
    });

    it('given a closed account, when closing again, then ACCOUNT_CLOSED', () => {
      givenAccount(ID, opened(0), new AccountClosed(ID, T0 + 1))
        .when((a) => (a!.close(T0 + 2), a!))
        .thenThrows(AccountClosedError);
    });
  });

  describe('rehydrate', () => {
    it('given a snapshot and later events, then state continues from the snapshot', () => {
      const snapshot = {
        version: 10,
        state: { id: ID, balance: 2000, isActive: true, transactionCount: 9, openedAt: T0, closedAt: null },
      };
      const account = new BankAccount(ID).rehydrate(snapshot, [new MoneyDeposited(ID, 300, T0 + 5)]);
      expect(account.version).toBe(11);
      expect(account.snapshotState()).toEqual({ ...snapshot.state, balance: 2300, transactionCount: 10 });
    });

    it('counts deposits and withdrawals as transactions, not opening or closing', () => {
      const account = new BankAccount(ID).rehydrate(null, [
        opened(100),
        new MoneyDeposited(ID, 50, T0 + 1),
        new MoneyWithdrawn(ID, 150, T0 + 2),
        new AccountClosed(ID, T0 + 3),
      ]);
      expect(account.snapshotState()).toEqual({
        id: ID,
        balance: 0,
        isActive: false,
        transactionCount: 2,
        openedAt: T0,
        closedAt: T0 + 3,
      });
    });
  });
});
