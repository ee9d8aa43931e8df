import pg from 'pg';
import type { AppendListeners, StreamListeners } from '../../append-listeners.js';

/** How the listener finds out that its connection died without a word (a silent network). */
export interface ListenerLiveness {
  /** Pause between two checks that the connection answers. */
  heartbeatMillis: number;
  /** How long a check may wait for its answer before the connection counts as dead. */
  answerMillis: number;
}

/**
 * Hears the `NOTIFY` every instance's appends send and reports new head positions to this process's
 * append listeners, and streams other instances wrote to its stream listeners. Reconnects after a lost
 * connection, including one that stopped answering; the projection runner polls as well, so a
 * notification missed meanwhile only delays it.
 */
export class PostgresNotifications {
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly listeners: AppendListeners,
    /** Told of streams other instances append to. */
    private readonly streamListeners: StreamListeners,
    /** This instance's writer id: its own appends are not reported to `streamListeners`. */
    private readonly writerId: string,
    private readonly liveness: ListenerLiveness,
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
    client.on('error', () => {
      if (this.client === client) this.reconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch {
      await client.end().catch(() => undefined);
      this.reconnect();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.checkLater(client);
  }

  /** Checks after a heartbeat that `client` still answers; reconnects when it does not. */
  private checkLater(client: pg.Client): void {
    this.heartbeat = setTimeout(() => {
      void answers(client, this.liveness.answerMillis).then((alive) => {
        if (this.client !== client) return;
        if (alive) this.checkLater(client);
        else this.reconnect();
      });
    }, this.liveness.heartbeatMillis);
    this.heartbeat.unref();
  }

  private reconnect(): void {
    if (this.closed || this.retry) return;
    clearTimeout(this.heartbeat);
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
    clearTimeout(this.retry);
    clearTimeout(this.heartbeat);
    await this.client?.end().catch(() => undefined);
  }
}

/** Whether `client` answers a trivial query within `millis`. */
async function answers(client: pg.Client, millis: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), millis);
  });
  try {
    return await Promise.race([client.query('SELECT 1').then(() => true, () => false), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
