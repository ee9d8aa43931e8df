import { Command } from '@nestjs/cqrs';
import type { AccountCommandResult } from '../account-command.result.js';
import type { CommandContext } from '../../../eventsourcing/command-context.js';

/** Withdraw money from an account (amount in minor units). */
export class WithdrawMoneyCommand extends Command<AccountCommandResult> {
  constructor(
    readonly accountId: string,
    readonly amount: number,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {
    super();
  }
}
