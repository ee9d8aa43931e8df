import { Inject, Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { CommandContext } from '../common/command-context.js';
import { WrongExpectedVersionError } from '../eventstore/event-store.errors.js';
import { EVENT_STORE, type EventStore } from '../eventstore/event-store.port.js';
import { toDomainEvent, toNewEvent } from '../common/domain/domain-event.js';
import { TRANSFER_EVENT_CLASSES } from './domain/events/transfer-event-registry.js';
import { Transfer } from './domain/transfer.aggregate.js';

/** How often a transfer's ending is retried when another writer moved its stream meanwhile. */
const MAX_ATTEMPTS = 10;

/**
 * Loads and appends Transfer streams. A transfer's stream id is `transfer:<transferId>`: the colon never
 * occurs in an account id, so no transfer can share a stream with an account.
 */
@Injectable()
export class TransferRepository {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly eventBus: EventBus,
  ) {}

  static streamIdOf(transferId: string): string {
    return `transfer:${transferId}`;
  }

  async load(transferId: string): Promise<Transfer | null> {
    const stored = await this.store.readStream(TransferRepository.streamIdOf(transferId));
    if (stored.length === 0) return null;
    return Transfer.rehydrate(transferId, stored.map((event) => toDomainEvent(TRANSFER_EVENT_CLASSES, transferId, event)));
  }

  /** Starts the transfer's stream, unless it exists (whoever records it first wins; the record is the same). */
  async record(transfer: Transfer, context: CommandContext): Promise<void> {
    try {
      await this.save(transfer, context);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
  }

  /** Starts the transfer's stream when it has none yet (read first: a transfer is usually recorded already). */
  async recordIfMissing(transfer: Transfer, context: CommandContext): Promise<void> {
    if (!(await this.load(transfer.id))) await this.record(transfer, context);
  }

  /** Applies `end` to the stored transfer and appends what it decided, retrying on a concurrent append. */
  async end(transferId: string, context: CommandContext, end: (transfer: Transfer) => void): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const transfer = await this.load(transferId);
      if (!transfer) throw new Error(`Transfer ${transferId} has no stream to end`);
      end(transfer);
      try {
        await this.save(transfer, context);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async save(transfer: Transfer, context: CommandContext): Promise<void> {
    const events = transfer.getUncommittedEvents();
    if (events.length === 0) return;
    await this.store.append({
      streamId: TransferRepository.streamIdOf(transfer.id),
      streamType: Transfer.aggregateType,
      expectedVersion: transfer.persistedVersion,
      events: events.map((event) => toNewEvent(event, context)),
    });
    this.eventBus.publishAll(events);
    transfer.uncommit();
  }
}
