import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../clock/clock.js';
import type { CommandIdempotency } from '../../eventsourcing/command-context.js';
import { KeyedMutex } from '../concurrency/keyed-mutex.js';
import { DomainError } from '../errors/domain-error.js';
import { ERROR_HTTP_STATUS } from '../errors/error-code.js';
import { errorBody } from '../errors/error-body.js';
import { IdempotencyKeyTakenError } from '../../eventstore/event-store.errors.js';
import { EVENT_STORE, type EventStore } from '../../eventstore/event-store.port.js';
import type { IdempotencyRecord } from '../../eventstore/idempotency-record.js';
import { IdempotencyKeyReusedError } from './idempotency-key-reused.error.js';
import { idempotencyRecordOf } from './idempotency-record-of.js';
import { ReplayedResponse } from './replayed-response.js';

/** Domain refusals that are not remembered: they say nothing final about the request. */
const TRANSIENT_CODES = new Set(['STORE_UNAVAILABLE', 'IDEMPOTENCY_KEY_REUSED', 'VALIDATION_FAILED']);

/**
 * Honours the `Idempotency-Key` of commands, around their dispatch. A repeat gets the first response
 * (status and body, thrown as {@link ReplayedResponse}) and appends nothing; repeats in one process wait
 * for the first to finish, repeats in other processes meet its record in the store (written in the same
 * transaction as its events). The same key with another route or body is refused with
 * IDEMPOTENCY_KEY_REUSED. Final refusals (404, 409, 422) are remembered too.
 *
 * A plain service rather than a Nest interceptor: a route with an interceptor runs every request
 * through an rxjs pipeline, and commands without a key (most of them) should not pay for it.
 */
@Injectable()
export class IdempotencyGate {
  private readonly inFlight = new KeyedMutex();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Runs `dispatch` once per key: at once without a key, otherwise unless a record of the key exists. */
  run<T>(idempotency: CommandIdempotency | undefined, dispatch: () => Promise<T>): Promise<T> {
    if (idempotency === undefined) return dispatch();
    const { key, fingerprint } = idempotency;
    return this.inFlight.run(key, () => this.runOnce(key, fingerprint, dispatch));
  }

  private async runOnce<T>(key: string, fingerprint: string, dispatch: () => Promise<T>): Promise<T> {
    const existing = await this.store.findIdempotencyRecord(key);
    if (existing) return this.replay(existing, fingerprint);
    try {
      return await dispatch();
    } catch (error) {
      if (error instanceof IdempotencyKeyTakenError) return this.replay(await idempotencyRecordOf(this.store, key), fingerprint);
      if (error instanceof DomainError && !TRANSIENT_CODES.has(error.code)) await this.remember(key, fingerprint, error);
      throw error;
    }
  }

  private async remember(key: string, fingerprint: string, error: DomainError): Promise<void> {
    const record: IdempotencyRecord = {
      key,
      fingerprint,
      statusCode: ERROR_HTTP_STATUS[error.code],
      body: errorBody(error.code, error.message, error.extra),
      createdAt: this.clock.now(),
    };
    try {
      await this.store.saveIdempotencyRecord(record);
    } catch (saveError) {
      if (!(saveError instanceof IdempotencyKeyTakenError)) throw saveError;
      this.replay(await idempotencyRecordOf(this.store, key), fingerprint);
    }
  }


  private replay(record: IdempotencyRecord, fingerprint: string): never {
    if (record.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(record.key);
    throw new ReplayedResponse(record.statusCode, record.body);
  }
}
