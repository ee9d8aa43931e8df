import { Logger } from '@nestjs/common';
import { type ChannelModel, type ConfirmChannel, connect } from 'amqplib';
import { once } from 'node:events';
import type { EventMessage } from './event-message.js';

/** Options of a {@link RabbitMqPublisher}. */
export interface RabbitMqPublisherOptions {
  /** `amqp://user:password@host:5672/vhost`. */
  url: string;
  /** The topic exchange (declared durable when the publisher connects). */
  exchange: string;
  /** How long to wait for the connection to open, and for the broker to confirm a batch (default 10,000 ms). */
  timeoutMs?: number;
}

/**
 * Publishes to one topic exchange on a confirm channel, and resolves only once the broker has confirmed
 * every message (persisted, for persistent messages to durable queues). Messages of one call go out in
 * order on one channel, so the broker keeps their order. The connection is opened on first use and again
 * after it is lost; a call that meets a lost, refused or silent broker rejects, and what it sent may or
 * may not have arrived (the caller publishes it again: at-least-once).
 */
export class RabbitMqPublisher {
  private readonly logger = new Logger('RabbitMqPublisher');
  private readonly timeoutMs: number;
  private connection: Promise<{ model: ChannelModel; channel: ConfirmChannel }> | null = null;
  private closed = false;

  constructor(private readonly options: RabbitMqPublisherOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /**
   * Publishes the messages in order and waits for the broker's confirms.
   * @throws Error when the broker cannot be reached, closes the channel, nacks, or does not confirm in time.
   */
  async publish(messages: readonly EventMessage[]): Promise<void> {
    if (this.closed) throw new Error('The RabbitMQ publisher is closed');
    const { channel } = await this.open();
    try {
      await this.withinTimeout(async () => {
        for (const message of messages) {
          if (!channel.publish(this.options.exchange, message.routingKey, message.content, message.options)) {
            await Promise.race([once(channel, 'drain'), once(channel, 'close').then(() => Promise.reject(new Error('channel closed')))]);
          }
        }
        await channel.waitForConfirms();
      }, 'confirms');
    } catch (error) {
      this.drop();
      throw new Error(`RabbitMQ did not confirm ${messages.length} message(s): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Closes the connection; the publisher is unusable afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    const connection = this.connection;
    this.connection = null;
    await connection?.then(({ model }) => model.close()).catch(() => undefined);
  }

  private open(): Promise<{ model: ChannelModel; channel: ConfirmChannel }> {
    this.connection ??= this.withinTimeout(() => this.connect(), 'connection').catch((error: unknown) => {
      this.connection = null;
      throw new Error(`RabbitMQ at ${redacted(this.options.url)} is unreachable: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.connection;
  }

  private async connect(): Promise<{ model: ChannelModel; channel: ConfirmChannel }> {
    const model = await connect(this.options.url, { timeout: this.timeoutMs });
    const opened = this.connection;
    const lost = (reason: string) => {
      if (this.connection === opened) this.connection = null;
      if (!this.closed) this.logger.warn(`connection lost (${reason})`);
    };
    model.on('error', (error: Error) => lost(error.message));
    model.on('close', () => lost('closed'));
    try {
      const channel = await model.createConfirmChannel();
      channel.on('error', (error: Error) => lost(`channel: ${error.message}`));
      channel.on('close', () => {
        lost('channel closed');
        model.close().catch(() => undefined);
      });
      await channel.assertExchange(this.options.exchange, 'topic', { durable: true });
      return { model, channel };
    } catch (error) {
      await model.close().catch(() => undefined);
      throw error;
    }
  }

  /** Forgets the connection (closing it in the background), so the next call opens a fresh one. */
  private drop(): void {
    const connection = this.connection;
    this.connection = null;
    void connection?.then(({ model }) => model.close()).catch(() => undefined);
  }

  private async withinTimeout<T>(work: () => Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no ${what} within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([work(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A URL without its password, for messages. */
function redacted(url: string): string {
  return url.replace(/:[^:@/]*@/, ':***@');
}
