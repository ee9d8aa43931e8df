import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountNotFoundError } from '../../domain/errors/account-not-found.error.js';
import { AccountCommandExecutor } from '../account-command.executor.js';
import type { AccountCommandResult } from '../account-command.result.js';
import { CloseAccountCommand } from './close-account.command.js';

@CommandHandler(CloseAccountCommand)
export class CloseAccountHandler implements ICommandHandler<CloseAccountCommand, AccountCommandResult> {
  constructor(private readonly executor: AccountCommandExecutor) {}

  execute(command: CloseAccountCommand): Promise<AccountCommandResult> {
    return this.executor.execute({
      accountId: command.accountId,
      expectedVersion: command.expectedVersion,
      context: command.context,
      successStatus: 200,
      decide: (account, now) => {
        if (!account) throw new AccountNotFoundError(command.accountId);
        account.close(now);
        return account;
      },
    });
  }
}
