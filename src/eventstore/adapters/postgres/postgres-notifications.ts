import pg from 'pg';
import type { AppendListeners, StreamListeners } from '../../append-listeners.js';

/**
 * Hears the `NOTIFY` every instance's appends send and reports new head positions to this process's
 * append listeners, and streams other instances wrote to its stream listeners. Reconnects after a lost connection; the projection runner polls as
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
    /** Told of streams other instances append to. */
    private readonly streamListeners: StreamListeners,
    /** This instance's writer id: its own appends are not reported to `streamListeners`. */
    private readonly writerId: string,
  ) {}

  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client(this.config);
    client.on('notification', (message) => {
      // '<head position>:<writer id>:<stream id>'
      const [position, writer, ...stream] = (message.payload ?? '').split(':');
      if (Number.isFinite(Number(position))) this.listeners.notify(Number(position));
      if (writer !== this.writerId && stream.length > 0) this.streamListeners.notify(stream.join(':'));
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
