import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { toMajorUnits } from '../../../common/money/money.js';
import { TransferNotFoundError } from '../../domain/errors/transfer-not-found.error.js';
import { TransferRepository } from '../../transfer.repository.js';
import { GetTransferQuery } from './get-transfer.query.js';
import type { TransferView } from './transfer.view.js';

/** Reads the transfer's own stream (at most three events). */
@QueryHandler(GetTransferQuery)
export class GetTransferHandler implements IQueryHandler<GetTransferQuery, TransferView> {
  constructor(private readonly transfers: TransferRepository) {}

  async execute(query: GetTransferQuery): Promise<TransferView> {
    const transfer = await this.transfers.load(query.transferId);
    if (!transfer) throw new TransferNotFoundError(query.transferId);
    return {
      transferId: transfer.id,
      fromAccountId: transfer.fromAccountId,
      toAccountId: transfer.toAccountId,
      amount: toMajorUnits(transfer.amount),
      status: transfer.status,
      ...(transfer.reason === undefined ? {} : { reason: transfer.reason }),
    };
  }
}
