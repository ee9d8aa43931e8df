import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BankAccount } from '../../domain/bank-account.aggregate.js';
import { AccountAlreadyExistsError } from '../../domain/errors/account-already-exists.error.js';
import { AccountCommandExecutor } from '../account-command.executor.js';
import type { AccountCommandResult } from '../account-command.result.js';
import { OpenAccountCommand } from './open-account.command.js';

@CommandHandler(OpenAccountCommand)
export class OpenAccountHandler implements ICommandHandler<OpenAccountCommand, AccountCommandResult> {
  constructor(private readonly executor: AccountCommandExecutor) {}

  execute(command: OpenAccountCommand): Promise<AccountCommandResult> {
    return this.executor.execute({
      accountId: command.accountId,
      context: command.context,
      successStatus: 201,
      decide: (existing, now) => {
        if (existing) throw new AccountAlreadyExistsError(command.accountId);
        return BankAccount.open(command.accountId, command.initialBalance, now);
      },
    });
  }
}
