import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { CLOCK, type Clock } from '../clock/clock.js';
import { KeyedMutex } from '../concurrency/keyed-mutex.js';
import { DomainError } from '../errors/domain-error.js';
import { ERROR_HTTP_STATUS } from '../errors/error-code.js';
import { errorBody } from '../errors/error-body.js';
import { ValidationFailedError } from '../errors/validation-failed.error.js';
import { IdempotencyKeyTakenError } from '../../eventstore/event-store.errors.js';
import { EVENT_STORE, type EventStore } from '../../eventstore/event-store.port.js';
import type { IdempotencyRecord } from '../../eventstore/idempotency-record.js';
import { IdempotencyKeyReusedError } from './idempotency-key-reused.error.js';
import { ReplayedResponse } from './replayed-response.js';
import { requestFingerprint } from './request-fingerprint.js';

/** 1-128 printable ASCII characters. */
const KEY_PATTERN = /^[\x20-\x7e]{1,128}$/;

/** Domain refusals that are not remembered: they say nothing final about the request. */
const TRANSIENT_CODES = new Set(['STORE_UNAVAILABLE', 'IDEMPOTENCY_KEY_REUSED', 'VALIDATION_FAILED']);

/** The idempotency key and request fingerprint the interceptor attaches to the request. */
export interface IdempotentRequest extends Request {
  idempotency?: { key: string; fingerprint: string };
}

/**
 * Honours the `Idempotency-Key` header of commands. A repeat gets the first response (status and body)
 * and appends nothing; repeats in one process wait for the first to finish, repeats in other processes
 * meet its record in the store (written in the same transaction as its events). The same key with
 * another route or body is refused with IDEMPOTENCY_KEY_REUSED. Refusals are remembered too.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly inFlight = new KeyedMutex();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const key = request.headers['idempotency-key'];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new ValidationFailedError('Invalid Idempotency-Key header', [
        { field: 'Idempotency-Key', problems: ['must be 1-128 printable ASCII characters'] },
      ]);
    }
    const fingerprint = requestFingerprint(request.method, request.path, request.body);
    request.idempotency = { key, fingerprint };
    return from(this.inFlight.run(key, () => this.handleOnce(key, fingerprint, next)));
  }

  private async handleOnce(key: string, fingerprint: string, next: CallHandler): Promise<unknown> {
    const existing = await this.store.findIdempotencyRecord(key);
    if (existing) return this.replay(existing, fingerprint);
    try {
      return await lastValueFrom(next.handle());
    } catch (error) {
      if (error instanceof IdempotencyKeyTakenError) return this.replay(await this.recordOf(key), fingerprint);
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
      this.replay(await this.recordOf(key), fingerprint);
    }
  }

  private async recordOf(key: string): Promise<IdempotencyRecord> {
    const record = await this.store.findIdempotencyRecord(key);
    if (!record) throw new Error(`Idempotency record ${key} vanished`);
    return record;
  }

  private replay(record: IdempotencyRecord, fingerprint: string): never {
    if (record.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(record.key);
    throw new ReplayedResponse(record.statusCode, record.body);
  }
}
