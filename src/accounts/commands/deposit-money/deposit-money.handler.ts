import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountNotFoundError } from '../../domain/errors/account-not-found.error.js';
import { AccountCommandExecutor } from '../account-command.executor.js';
import type { AccountCommandResult } from '../account-command.result.js';
import { DepositMoneyCommand } from './deposit-money.command.js';

@CommandHandler(DepositMoneyCommand)
export class DepositMoneyHandler implements ICommandHandler<DepositMoneyCommand, AccountCommandResult> {
  constructor(private readonly executor: AccountCommandExecutor) {}

  execute(command: DepositMoneyCommand): Promise<AccountCommandResult> {
    return this.executor.execute({
      accountId: command.accountId,
      expectedVersion: command.expectedVersion,
      context: command.context,
      successStatus: 200,
      decide: (account, now) => {
        if (!account) throw new AccountNotFoundError(command.accountId);
        account.deposit(command.amount, now);
        return account;
      },
    });
  }
}
