import { Inject, Injectable } from '@nestjs/common';
import { BankAccount } from '../accounts/domain/bank-account.aggregate.js';
import { MoneyDeposited } from '../accounts/domain/events/money-deposited.event.js';
import { MoneyWithdrawn } from '../accounts/domain/events/money-withdrawn.event.js';
import { CLOCK, type Clock } from '../common/clock/clock.js';
import { toMinorUnits } from '../common/money/money.js';
import { IdempotencyKeyTakenError } from '../eventstore/event-store.errors.js';
import { EVENT_STORE, type EventStore } from '../eventstore/event-store.port.js';
import type { ImportedEvent, ImportPreparation } from '../events/commands/import-events/import-preparation.js';
import { legKey, type TransferLegName, transferFingerprint } from './transfer-legs.js';

/**
 * Before an import appends: records the key of every transfer leg in the file. An export carries the
 * legs' events but not their keys, and the process manager decides by the keys; without them it would
 * make again, from the imported withdrawals, deposits the imported history already holds. A transfer
 * still pending in the file (a withdrawal without its deposit or refund) is finished here.
 */
@Injectable()
export class TransferLegsOfImport implements ImportPreparation {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async prepare(events: AsyncIterable<ImportedEvent>): Promise<void> {
    for await (const event of events) {
      const leg = legOf(event);
      if (leg) await this.record(leg);
    }
  }

  private async record({ transferId, name, fingerprint }: { transferId: string; name: TransferLegName; fingerprint: string }): Promise<void> {
    try {
      await this.store.saveIdempotencyRecord({
        key: legKey(transferId, name),
        fingerprint,
        statusCode: 200,
        body: { transferId, imported: true },
        createdAt: this.clock.now(),
      });
    } catch (error) {
      if (!(error instanceof IdempotencyKeyTakenError)) throw error;
    }
  }
}

/** The transfer leg an event is, if it is one (the withdrawal's fingerprint is the one a repeated request is checked against). */
function legOf(event: ImportedEvent): { transferId: string; name: TransferLegName; fingerprint: string } | null {
  const { data } = event;
  if (event.aggregateType !== BankAccount.aggregateType || typeof data.transferId !== 'string') return null;
  const amount = toMinorUnits(Number(data.amount));
  if (event.eventType === MoneyWithdrawn.eventType && typeof data.toAccountId === 'string') {
    return { transferId: data.transferId, name: 'withdrawal', fingerprint: transferFingerprint(event.aggregateId, data.toAccountId, amount) };
  }
  if (event.eventType !== MoneyDeposited.eventType) return null;
  if (typeof data.fromAccountId === 'string') {
    return { transferId: data.transferId, name: 'deposit', fingerprint: transferFingerprint(data.fromAccountId, event.aggregateId, amount) };
  }
  if (typeof data.reason === 'string') return { transferId: data.transferId, name: 'refund', fingerprint: '' };
  return null;
}
