import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandExecutor } from '../account-command.executor.js';
import type { AccountCommandResult } from '../account-command.result.js';
import { WithdrawMoneyCommand } from './withdraw-money.command.js';

@CommandHandler(WithdrawMoneyCommand)
export class WithdrawMoneyHandler implements ICommandHandler<WithdrawMoneyCommand, AccountCommandResult> {
  constructor(private readonly executor: AccountCommandExecutor) {}

  execute(command: WithdrawMoneyCommand): Promise<AccountCommandResult> {
    return this.executor.executeOnAccount(command, (account, now) => account.withdraw(command.amount, now));
  }
}
