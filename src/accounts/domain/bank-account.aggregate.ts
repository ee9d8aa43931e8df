import { MAX_BALANCE_MINOR } from '../../common/money/money.js';
import { EventSourcedAggregate } from '../../eventsourcing/event-sourced-aggregate.js';
import type { AccountEvent } from './events/account-event.js';
import { AccountClosed } from './events/account-closed.event.js';
import { AccountOpened } from './events/account-opened.event.js';
import { MoneyDeposited } from './events/money-deposited.event.js';
import type { TransferLeg } from './events/money-moved.event.js';
import { MoneyWithdrawn } from './events/money-withdrawn.event.js';
import type { BankAccountState } from './bank-account-state.js';
import { AccountClosedError } from './errors/account-closed.error.js';
import { AmountOutOfRangeError } from './errors/amount-out-of-range.error.js';
import { BalanceNotZeroError } from './errors/balance-not-zero.error.js';
import { InsufficientFundsError } from './errors/insufficient-funds.error.js';

/**
 * A bank account, rebuilt from its events. Command methods check the rules and `apply` events;
 * `on<Event>` methods only change state. No I/O and no clock: the time of each decision is passed in.
 * Amounts are integer minor units.
 */
export class BankAccount extends EventSourcedAggregate<AccountEvent, BankAccountState> {
  static readonly aggregateType = 'BankAccount';

  private state: BankAccountState;

  /** Opens a new account. */
  static open(id: string, initialBalance: number, now: number): BankAccount {
    const account = new BankAccount(id);
    account.apply(new AccountOpened(id, initialBalance, now));
    return account;
  }

  /** Pays money in; `transfer` when this is the deposit leg of a transfer. */
  deposit(amount: number, now: number, transfer?: TransferLeg): void {
    this.assertActive();
    this.assertBalanceCanGrow(amount);
    this.apply(new MoneyDeposited(this.id, amount, now, transfer));
  }

  /** Takes money out; `transfer` when this is the withdrawal leg of a transfer. */
  withdraw(amount: number, now: number, transfer?: TransferLeg): void {
    this.assertActive();
    if (amount > this.state.balance) throw new InsufficientFundsError(this.id, this.state.balance, amount);
    this.apply(new MoneyWithdrawn(this.id, amount, now, transfer));
  }

  /**
   * Gives back the amount of a failed transfer that this account paid (`transfer.reason` says why it
   * failed). Taken even by an account closed since the withdrawal: the money is the account holder's,
   * and a compensation that could be refused would lose it.
   */
  refund(amount: number, now: number, transfer: TransferLeg): void {
    this.assertBalanceCanGrow(amount);
    this.apply(new MoneyDeposited(this.id, amount, now, transfer));
  }

  close(now: number): void {
    this.assertActive();
    if (this.state.balance !== 0) throw new BalanceNotZeroError(this.id, this.state.balance);
    this.apply(new AccountClosed(this.id, now));
  }

  get balance(): number {
    return this.state.balance;
  }

  get isActive(): boolean {
    return this.state.isActive;
  }

  /** A copy of the current state, as saved in snapshots. */
  override snapshotState(): BankAccountState {
    return { ...this.state };
  }

  protected override restoreState(state: BankAccountState): void {
    this.state = { ...state };
  }

  private assertBalanceCanGrow(amount: number): void {
    if (this.state.balance + amount > MAX_BALANCE_MINOR) throw new AmountOutOfRangeError(this.id);
  }

  private assertActive(): void {
    if (!this.state.isActive) throw new AccountClosedError(this.id);
  }

  protected onAccountOpened(event: AccountOpened): void {
    this.state = {
      id: event.accountId,
      balance: event.initialBalance,
      isActive: true,
      transactionCount: 0,
      openedAt: event.occurredAt,
      closedAt: null,
    };
  }

  protected onMoneyDeposited(event: MoneyDeposited): void {
    this.state.balance += event.amount;
    this.state.transactionCount += 1;
  }

  protected onMoneyWithdrawn(event: MoneyWithdrawn): void {
    this.state.balance -= event.amount;
    this.state.transactionCount += 1;
  }

  protected onAccountClosed(event: AccountClosed): void {
    this.state.isActive = false;
    this.state.closedAt = event.occurredAt;
  }
}
