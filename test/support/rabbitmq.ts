import { type Channel, type ChannelModel, connect, type ConsumeMessage } from 'amqplib';
import { randomBytes } from 'node:crypto';
import { describeWithService, problemOf } from './external-service.js';

/** The RabbitMQ the tests use (the machine's, guest/guest). */
export const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

async function rabbitMqProblem(): Promise<string | null> {
  try {
    const connection = await connect(RABBITMQ_URL, { timeout: 3000 });
    await connection.close();
    return null;
  } catch (error) {
    return problemOf(error);
  }
}

/** `describe` for tests that need RabbitMQ (skipped outside CI only when it is down). */
export function describeWithRabbitMq(name: string, body: () => void): Promise<void> {
  return describeWithService('RabbitMQ', RABBITMQ_URL.replace(/:[^:@/]*@/, ':***@'), rabbitMqProblem, name, body);
}

/** A fresh exchange name for one test. */
export function freshExchange(): string {
  return `test.events.${randomBytes(5).toString('hex')}`;
}

/** A message as a consumer of the relay sees it. */
export interface ReceivedEvent {
  messageId: string;
  routingKey: string;
  position: number;
  persistent: boolean;
  body: { id: string; position: number; aggregateId: string; aggregateType: string; eventType: string; data: Record<string, unknown> };
}

/**
 * A consumer bound to an exchange with `#` on an exclusive queue (declared before the service publishes,
 * so it misses nothing), collecting every message. `until` resolves as soon as the messages satisfy a
 * condition (checked on each arrival, no polling).
 */
export class EventConsumer {
  readonly received: ReceivedEvent[] = [];
  private waiters: Array<{ check: () => boolean; resolve: () => void }> = [];

  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: Channel,
    readonly exchange: string,
  ) {}

  static async bind(exchange: string): Promise<EventConsumer> {
    const connection = await connect(RABBITMQ_URL);
    const channel = await connection.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, exchange, '#');
    const consumer = new EventConsumer(connection, channel, exchange);
    await channel.consume(queue, (message) => message && consumer.take(message), { noAck: true });
    return consumer;
  }

  /** Resolves once `check()` holds for the messages received (at once if it already does). */
  until(check: (received: readonly ReceivedEvent[]) => boolean): Promise<void> {
    if (check(this.received)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check: () => check(this.received), resolve }));
  }

  /** Closes the consumer and deletes the test's exchange. */
  async close(): Promise<void> {
    await this.channel.deleteExchange(this.exchange).catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }

  private take(message: ConsumeMessage): void {
    this.received.push({
      messageId: String(message.properties.messageId),
      routingKey: message.fields.routingKey,
      position: (JSON.parse(message.content.toString()) as { position: number }).position,
      persistent: message.properties.deliveryMode === 2,
      body: JSON.parse(message.content.toString()) as ReceivedEvent['body'],
    });
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.check()) return true;
      waiter.resolve();
      return false;
    });
  }
}

/** The messages with the first of each `messageId` only: what a deduplicating consumer keeps. */
export function deduplicated(received: readonly ReceivedEvent[]): ReceivedEvent[] {
  const seen = new Set<string>();
  return received.filter((event) => !seen.has(event.messageId) && seen.add(event.messageId) !== undefined);
}
