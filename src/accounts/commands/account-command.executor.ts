import { Inject, Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { setTimeout as delay } from 'node:timers/promises';
import { CLOCK, type Clock } from '../../common/clock/clock.js';
import { KeyedMutex } from '../../common/concurrency/keyed-mutex.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { StoreUnavailableError } from '../../common/errors/store-unavailable.error.js';
import { toMajorUnits } from '../../common/money/money.js';
import type { AppendResult } from '../../eventstore/append.js';
import { WrongExpectedVersionError } from '../../eventstore/event-store.errors.js';
import { ACCOUNTS_OPTIONS, type AccountsModuleOptions } from '../accounts.options.js';
import { AccountStateCache } from '../account-state.cache.js';
import { BankAccountRepository } from '../bank-account.repository.js';
import type { BankAccount } from '../domain/bank-account.aggregate.js';
import { AccountNotFoundError } from '../domain/errors/account-not-found.error.js';
import { VersionConflictError } from '../domain/errors/version-conflict.error.js';
import type { AccountCommandResult } from './account-command.result.js';
import type { CommandContext } from '../../common/command-context.js';

/** What a command handler asks of the executor. */
export interface AccountCommandRun {
  accountId: string;
  /** When set, the command is refused unless the account is at exactly this version. */
  expectedVersion?: number;
  context: CommandContext;
  /** HTTP status of the success response, remembered for idempotent repeats. */
  successStatus: number;
  /**
   * The decision: given the current account (null when it does not exist) and the time, return the
   * account with its new events applied, or throw a domain error.
   */
  decide: (account: BankAccount | null, now: number) => BankAccount;
}

/**
 * Runs one account command: load, decide, append with the loaded version as expected version, then
 * publish. Commands on one account queue in-process; a conflict with another process is retried with
 * a fresh load (bounded), unless the client pinned `expectedVersion`, which then becomes VERSION_CONFLICT.
 */
@Injectable()
export class AccountCommandExecutor {
  private readonly mutex = new KeyedMutex();
  private readonly maxAttempts: number;

  constructor(
    private readonly repository: BankAccountRepository,
    private readonly cache: AccountStateCache,
    private readonly eventBus: EventBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ACCOUNTS_OPTIONS) options: AccountsModuleOptions,
  ) {
    this.maxAttempts = options.maxAttempts ?? 30;
  }

  execute(run: AccountCommandRun): Promise<AccountCommandResult> {
    return this.mutex.run(run.accountId, () => this.attempt(run));
  }

  /** Runs a command on an account that must exist (ACCOUNT_NOT_FOUND otherwise); success is 200. */
  executeOnAccount(
    command: { accountId: string; expectedVersion?: number; context: CommandContext },
    act: (account: BankAccount, now: number) => void,
  ): Promise<AccountCommandResult> {
    return this.execute({
      accountId: command.accountId,
      expectedVersion: command.expectedVersion,
      context: command.context,
      successStatus: 200,
      decide: (account, now) => {
        if (!account) throw new AccountNotFoundError(command.accountId);
        act(account, now);
        return account;
      },
    });
  }

  private async attempt(run: AccountCommandRun): Promise<AccountCommandResult> {
    const { accountId, expectedVersion, context } = run;
    for (let attempt = 1; ; attempt++) {
      const cached = this.cache.get(accountId);
      const current = cached ?? (await this.repository.load(accountId));
      try {
        const currentVersion = current?.version ?? 0;
        if (expectedVersion !== undefined && currentVersion !== expectedVersion) {
          throw new VersionConflictError(accountId, expectedVersion, currentVersion);
        }
        const account = run.decide(current, this.clock.now());
        const idempotency = context.idempotency && {
          ...context.idempotency,
          statusCode: run.successStatus,
          createdAt: this.clock.now(),
          body: (result: AppendResult) => toResult(account, result),
        };
        const result = await this.repository.save(account, context, idempotency);
        this.cache.remember(account, result.version);
        this.eventBus.publishAll(account.getUncommittedEvents());
        account.uncommit();
        return toResult(account, result);
      } catch (error) {
        if (cached && (error instanceof DomainError || error instanceof WrongExpectedVersionError)) {
          // Decided on a possibly stale cached state: decide again on the store's state.
          this.cache.forget(accountId);
          continue;
        }
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (expectedVersion !== undefined) {
          throw new VersionConflictError(accountId, expectedVersion, error.currentVersion);
        }
        if (attempt >= this.maxAttempts) {
          throw new StoreUnavailableError(`Account ${accountId} is under heavy concurrent writes; retry later`);
        }
        // Jittered back-off, so two instances racing for one account stop meeting at the same moment.
        await delay(Math.random() * Math.min(25, 2 * attempt));
      }
    }
  }
}

function toResult(account: BankAccount, result: AppendResult): AccountCommandResult {
  return {
    accountId: account.id,
    version: result.version,
    position: result.position,
    eventId: result.events[result.events.length - 1].id,
    balance: toMajorUnits(account.balance),
  };
}
