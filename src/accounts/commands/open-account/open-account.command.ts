import { Command } from '@nestjs/cqrs';
import type { AccountCommandResult } from '../account-command.result.js';
import type { CommandContext } from '../../../eventsourcing/command-context.js';

/** Open a new account with an opening balance (minor units). */
export class OpenAccountCommand extends Command<AccountCommandResult> {
  constructor(
    readonly accountId: string,
    readonly initialBalance: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}
