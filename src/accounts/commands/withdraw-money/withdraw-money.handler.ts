import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountNotFoundError } from '../../domain/errors/account-not-found.error.js';
import { AccountCommandExecutor } from '../account-command.executor.js';
import type { AccountCommandResult } from '../account-command.result.js';
import { WithdrawMoneyCommand } from './withdraw-money.command.js';

@CommandHandler(WithdrawMoneyCommand)
export class WithdrawMoneyHandler implements ICommandHandler<WithdrawMoneyCommand, AccountCommandResult> {
  constructor(private readonly executor: AccountCommandExecutor) {}

  execute(command: WithdrawMoneyCommand): Promise<AccountCommandResult> {
    return this.executor.execute({
      accountId: command.accountId,
      expectedVersion: command.expectedVersion,
      context: command.context,
      successStatus: 200,
      decide: (account, now) => {
        if (!account) throw new AccountNotFoundError(command.accountId);
        account.withdraw(command.amount, now);
        return account;
      },
    });
  }
}
