import { once } from 'node:events';
import { type Server, type Socket, connect, createServer } from 'node:net';

/**
 * A TCP proxy to a server (PostgreSQL, RabbitMQ) that can simulate its faults:
 * - `partition()`, a network partition: every open connection is silenced for good (bytes are dropped
 *   both ways and nothing is closed, as when a firewall loses its state), and connections opened while
 *   partitioned are accepted and never answered;
 * - `cut()`, a stopped server: every open connection is closed, and new ones are refused (closed at once).
 * `heal()` lets new connections through again; silenced ones stay silent.
 */
export class TcpFaultProxy {
  private partitioned = false;
  private down = false;
  private readonly silenced = new WeakSet<Socket>();
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpFaultProxy> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const proxy = new TcpFaultProxy(server, address.port);
    server.on('connection', (client) => proxy.accept(client, target));
    return proxy;
  }

  /** `connectionString` with its host and port replaced by the proxy's. */
  url(connectionString: string): string {
    const url = new URL(connectionString);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  partition(): void {
    this.partitioned = true;
    for (const socket of this.sockets) this.silenced.add(socket);
  }

  cut(): void {
    this.down = true;
    for (const socket of this.sockets) socket.destroy();
  }

  heal(): void {
    this.partitioned = false;
    this.down = false;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
    await once(this.server, 'close');
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    this.track(client);
    if (this.down) {
      client.destroy();
      return;
    }
    if (this.partitioned) {
      this.silenced.add(client);
      client.resume(); // read and drop
      return;
    }
    const server = connect(target.port, target.host);
    this.track(server);
    this.pipe(client, server);
    this.pipe(server, client);
  }

  private pipe(from: Socket, to: Socket): void {
    from.on('data', (chunk) => {
      if (!this.silenced.has(from) && !this.silenced.has(to)) to.write(chunk);
    });
    from.on('close', () => {
      if (!this.silenced.has(to)) to.destroy();
    });
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
  }
}
