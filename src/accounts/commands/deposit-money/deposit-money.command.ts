import { Command } from '@nestjs/cqrs';
import type { AccountCommandResult } from '../account-command.result.js';
import type { CommandContext } from '../../../eventsourcing/command-context.js';

/** Deposit money into an account (amount in minor units). */
export class DepositMoneyCommand extends Command<AccountCommandResult> {
  constructor(
    readonly accountId: string,
    readonly amount: number,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {
    super();
  }
}
