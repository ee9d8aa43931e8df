import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../eventsourcing/command-context.js';
import type { TransferAccepted } from './transfer-accepted.js';

/** Move money from one account to another (amount in minor units). */
export class TransferMoneyCommand extends Command<TransferAccepted> {
  constructor(
    readonly fromAccountId: string,
    readonly toAccountId: string,
    readonly amount: number,
    /** The client's id for the transfer, when it chose one. */
    readonly transferId: string | undefined,
    readonly context: CommandContext,
  ) {
    super();
  }
}
