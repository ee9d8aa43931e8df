import { Logger } from '@nestjs/common';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { EventMessage } from './event-message.js';

const WORKER_FILE = new URL('./rabbitmq-publish.worker.cjs', import.meta.url);

/** Options of a {@link RabbitMqPublisher}. */
export interface RabbitMqPublisherOptions {
  /** `amqp://user:password@host:5672/vhost`. */
  url: string;
  /** The topic exchange (declared durable when the publisher connects). */
  exchange: string;
  /** How long to wait for the connection to open, and for the broker to confirm a batch (default 10,000 ms). */
  timeoutMs?: number;
}

interface Pending {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Publishes to one topic exchange on a confirm channel, and resolves only once the broker has confirmed
 * every message (persisted, for persistent messages to durable queues). Messages of one call go out in
 * order on one channel, so the broker keeps their order. The AMQP connection lives on a worker thread
 * (`rabbitmq-publish.worker.cjs`), opened on first use and again after it is lost; a call that meets a
 * lost, refused or silent broker (or a worker that died) rejects, and what it sent may or may not have
 * arrived: the caller publishes it again (at-least-once).
 */
export class RabbitMqPublisher {
  private readonly logger = new Logger('RabbitMqPublisher');
  private readonly timeoutMs: number;
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly inFlight = new Set<Promise<void>>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: RabbitMqPublisherOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /**
   * Publishes the messages in order and waits for the broker's confirms.
   * @throws Error when the broker cannot be reached, closes the channel, nacks, or does not confirm in time.
   */
  publish(messages: readonly EventMessage[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The RabbitMQ publisher is closed'));
    const worker = this.workerThread();
    const id = this.nextId++;
    const published = new Promise<void>((resolve, reject) => {
      // The worker has its own timeouts (connection, then confirms); this one only catches a worker that stopped answering.
      const threadTimeoutMs = 2 * this.timeoutMs + 1000;
      const timer = setTimeout(() => this.fail(new Error(`the RabbitMQ publisher thread did not answer within ${threadTimeoutMs} ms`)), threadTimeoutMs);
      const settle = () => {
        clearTimeout(timer);
        this.pending.delete(id);
      };
      this.pending.set(id, {
        resolve: () => (settle(), resolve()),
        reject: (error) => (settle(), reject(error)),
      });
      worker.postMessage({ id, messages: messages.map((message) => [message.routingKey, message.content, message.messageId]) });
    });
    this.inFlight.add(published);
    const forget = () => this.inFlight.delete(published);
    published.then(forget, forget);
    return published;
  }

  /**
   * Lets the batches in flight end (confirmed or failed, within the timeout), then closes the connection
   * and ends the thread; the publisher takes no more batches.
   */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const exited = once(worker, 'exit');
    worker.postMessage({ close: true });
    const timer = setTimeout(() => void worker.terminate(), this.timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  private workerThread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_FILE, { workerData: { url: this.options.url, exchange: this.options.exchange, timeoutMs: this.timeoutMs } });
    worker.on('message', (message: { id?: number; error?: string; warning?: string }) => {
      if (message.warning !== undefined) {
        if (!this.closed) this.logger.warn(message.warning);
        return;
      }
      const pending = this.pending.get(message.id ?? 0);
      if (!pending) return;
      if (message.error === undefined) pending.resolve();
      else pending.reject(new Error(message.error));
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', () => {
      if (this.worker === worker) this.fail(new Error('the RabbitMQ publisher thread exited'));
    });
    this.worker = worker;
    return worker;
  }

  /** Rejects every call waiting on the thread and lets the next one start a fresh thread. */
  private fail(error: Error): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
    for (const pending of [...this.pending.values()]) pending.reject(error);
  }
}
