import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandExecutor } from '../account-command.executor.js';
import type { AccountCommandResult } from '../account-command.result.js';
import { CloseAccountCommand } from './close-account.command.js';

@CommandHandler(CloseAccountCommand)
export class CloseAccountHandler implements ICommandHandler<CloseAccountCommand, AccountCommandResult> {
  constructor(private readonly executor: AccountCommandExecutor) {}

  execute(command: CloseAccountCommand): Promise<AccountCommandResult> {
    return this.executor.executeOnAccount(command, (account, now) => account.close(now));
  }
}
