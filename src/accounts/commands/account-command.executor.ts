import { Injectable } from '@nestjs/common';
import { StoreUnavailableError } from '../../common/errors/store-unavailable.error.js';
import { toMajorUnits } from '../../common/money/money.js';
import type { CommandContext } from '../../eventsourcing/command-context.js';
import type { CommandOutcome } from '../../eventsourcing/command-outcome.js';
import { ConcurrencyRetriesExhaustedError } from '../../eventsourcing/concurrency-retries-exhausted.error.js';
import { WrongExpectedVersionError } from '../../eventstore/event-store.errors.js';
import { BankAccountRepository } from '../bank-account.repository.js';
import type { BankAccount } from '../domain/bank-account.aggregate.js';
import { AccountNotFoundError } from '../domain/errors/account-not-found.error.js';
import { VersionConflictError } from '../domain/errors/version-conflict.error.js';
import type { AccountCommandResult } from './account-command.result.js';

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
 * Runs one account command through the repository (queued per account, retried on conflict, published
 * after the commit) and turns its outcome into the API's: the response body, which the command's
 * idempotency record keeps for the HTTP layer to replay; VERSION_CONFLICT when the client pinned a
 * version that moved; STORE_UNAVAILABLE when concurrent writers outlast the retries.
 */
@Injectable()
export class AccountCommandExecutor {
  constructor(private readonly accounts: BankAccountRepository) {}

  async execute(run: AccountCommandRun): Promise<AccountCommandResult> {
    const { accountId, expectedVersion, context } = run;
    let outcome: CommandOutcome<BankAccount>;
    try {
      outcome = await this.accounts.execute(accountId, run.decide, {
        expectedVersion,
        context,
        idempotency: context.idempotency && {
          ...context.idempotency,
          record: { statusCode: run.successStatus, body: (account, appended) => toResult(account, appended.version, appended.position, appended.events.at(-1)!.id) },
        },
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError && expectedVersion !== undefined) {
        throw new VersionConflictError(accountId, expectedVersion, error.currentVersion);
      }
      if (error instanceof ConcurrencyRetriesExhaustedError) {
        throw new StoreUnavailableError(`Account ${accountId} is under heavy concurrent writes; retry later`);
      }
      throw error;
    }
    return toResult(outcome.aggregate as BankAccount, outcome.version, outcome.position, outcome.eventIds.at(-1)!);
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
}

function toResult(account: BankAccount, version: number, position: number, eventId: string): AccountCommandResult {
  return { accountId: account.id, version, position, eventId, balance: toMajorUnits(account.balance) };
}
