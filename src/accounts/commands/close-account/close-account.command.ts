import { Command } from '@nestjs/cqrs';
import type { AccountCommandResult } from '../account-command.result.js';
import type { CommandContext } from '../../../eventsourcing/command-context.js';

/** Close an account whose balance is exactly 0. */
export class CloseAccountCommand extends Command<AccountCommandResult> {
  constructor(
    readonly accountId: string,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {
    super();
  }
}
