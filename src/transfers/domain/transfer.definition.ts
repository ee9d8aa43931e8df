import type { AggregateDefinition } from '../../eventsourcing/aggregate-definition.js';
import type { TransferEvent } from './events/transfer-event.js';
import { TRANSFER_EVENT_REGISTRY } from './events/transfer-event-registry.js';
import { Transfer } from './transfer.aggregate.js';

/**
 * How Transfers are stored: stream type `Transfer`, no snapshots (a transfer has at most two events).
 * The stream id is `transfer:<transferId>`: the colon never occurs in an account id, so no transfer can
 * share a stream with an account. Events read from the store carry the transferId as their aggregateId.
 */
export const TRANSFER: AggregateDefinition<Transfer, TransferEvent> = {
  aggregateType: Transfer.aggregateType,
  events: TRANSFER_EVENT_REGISTRY,
  create: (id) => new Transfer(id),
  streamPrefix: 'transfer:',
};
