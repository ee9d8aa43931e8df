import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock/clock.js';
import { saveIdempotencyRecordOnce } from '../common/idempotency/save-idempotency-record-once.js';
import { EVENT_STORE, type EventStore } from '../eventstore/event-store.port.js';
import type { ImportedEvent, ImportPreparation } from '../events/commands/import-events/import-preparation.js';
import { legKey, type TransferLegEvent, transferFingerprint, transferLegOf } from './transfer-legs.js';

const LEGS_RECORDED_AT_ONCE = 500;

/**
 * Before an import appends: records the key of every transfer leg in the file. An export carries the
 * legs' events but not their keys, and the process manager decides by the keys; without them it would
 * make again, from the imported withdrawals, deposits the imported history already holds. A transfer
 * still pending in the file (a withdrawal without its deposit or refund) has no deposit key recorded, so
 * the process manager finishes it.
 */
@Injectable()
export class TransferLegsOfImport implements ImportPreparation {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Records the keys a few hundred at a time: they do not depend on one another, and can share a flush to disk. */
  async prepare(events: AsyncIterable<ImportedEvent>): Promise<void> {
    let recording: Promise<void>[] = [];
    for await (const event of events) {
      const leg = transferLegOf(event);
      if (!leg) continue;
      recording.push(this.record(leg));
      if (recording.length === LEGS_RECORDED_AT_ONCE) {
        await Promise.all(recording);
        recording = [];
      }
    }
    await Promise.all(recording);
  }

  private record(leg: TransferLegEvent): Promise<void> {
    return saveIdempotencyRecordOnce(this.store, {
      key: legKey(leg.transferId, leg.leg),
      fingerprint: fingerprintOf(leg),
      statusCode: 200,
      body: { transferId: leg.transferId, imported: true },
      createdAt: this.clock.now(),
    });
  }
}

/** The withdrawal's fingerprint is the one a repeated transfer request is checked against; a refund names no target. */
function fingerprintOf(leg: TransferLegEvent): string {
  if (leg.leg === 'refund') return '';
  const counterparty = leg.counterpartyId ?? '';
  return leg.leg === 'withdrawal' ? transferFingerprint(leg.accountId, counterparty, leg.amount) : transferFingerprint(counterparty, leg.accountId, leg.amount);
}
