import { Query } from '@nestjs/cqrs';
import type { Snapshot } from '../../../eventstore/snapshot.js';

/** The newest snapshot of an account. */
export class GetAccountSnapshotQuery extends Query<Snapshot> {
  constructor(readonly accountId: string) {
    super();
  }
}
