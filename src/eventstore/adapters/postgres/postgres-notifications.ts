import pg from 'pg';
import type { AppendListeners } from '../../append-listeners.js';

/**
 * Hears `NOTIFY <channel>, '<position>'` sent by every instance's appends and reports the positions to
 * this process's append listeners. Reconnects after a lost connection; the projection runner polls as
 * well, so a notification missed meanwhile only delays it.
 */
export class PostgresNotifications {
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly listeners: AppendListeners,
  ) {}

  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client(this.config);
    client.on('notification', (message) => {
      const position = Number(message.payload);
      if (Number.isFinite(position)) this.listeners.notify(position);
    });
    client.on('error', () => this.reconnect());
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.client = client;
    } catch {
      await client.end().catch(() => undefined);
      this.reconnect();
    }
  }

  private reconnect(): void {
    if (this.closed || this.retry) return;
    void this.client?.end().catch(() => undefined);
    this.client = undefined;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.start();
    }, 1000);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }
}
