import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/**
 * The open Server-Sent Events streams of `GET /events/stream`. They never end by themselves, so a
 * graceful shutdown ends them first (before the HTTP server waits for requests in flight); a client
 * reconnects elsewhere with `Last-Event-ID`.
 */
@Injectable()
export class LiveEventStreams implements BeforeApplicationShutdown {
  private readonly open = new Set<AbortController>();

  /** A stream's signal, aborted by `stop` (the client left) or by a shutdown. */
  start(): { signal: AbortSignal; stop: () => void } {
    const controller = new AbortController();
    this.open.add(controller);
    return {
      signal: controller.signal,
      stop: () => {
        controller.abort();
        this.open.delete(controller);
      },
    };
  }

  beforeApplicationShutdown(): void {
    for (const controller of this.open) controller.abort();
    this.open.clear();
  }
}
