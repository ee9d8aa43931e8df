import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandExecutor } from '../account-command.executor.js';
import type { AccountCommandResult } from '../account-command.result.js';
import { DepositMoneyCommand } from './deposit-money.command.js';

@CommandHandler(DepositMoneyCommand)
export class DepositMoneyHandler implements ICommandHandler<DepositMoneyCommand, AccountCommandResult> {
  constructor(private readonly executor: AccountCommandExecutor) {}

  execute(command: DepositMoneyCommand): Promise<AccountCommandResult> {
    return this.executor.executeOnAccount(command, (account, now) => account.deposit(command.amount, now));
  }
}
