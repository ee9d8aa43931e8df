import { Query } from '@nestjs/cqrs';
import type { TransferView } from './transfer.view.js';

/** A transfer and where it stands. */
export class GetTransferQuery extends Query<TransferView> {
  constructor(readonly transferId: string) {
    super();
  }
}
