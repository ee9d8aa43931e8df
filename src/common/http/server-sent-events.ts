import { Logger } from '@nestjs/common';
import { once } from 'node:events';
import type { Response } from 'express';

const logger = new Logger('ServerSentEvents');

/** One message of a stream: its `id:` (what a client sends back as `Last-Event-ID`) and its JSON `data:`. */
export interface ServerSentEvent {
  id: number | string;
  data: unknown;
}

/**
 * Sends `events` as Server-Sent Events (`text/event-stream`), at the pace the client reads, with a
 * comment line every `heartbeatMs` so that proxies keep an idle stream open. Ends when `events` ends
 * (the stream's signal aborted) or the client leaves; `onClose` is called either way. A failure of
 * `events` (the store became unreachable) ends the stream too: the headers are sent, so there is no
 * error response to give, and an EventSource reconnects with `Last-Event-ID` on its own.
 */
export async function sendServerSentEvents(
  response: Response,
  events: AsyncIterable<ServerSentEvent>,
  options: { heartbeatMs: number; onClose: () => void },
): Promise<void> {
  response.status(200);
  response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  response.setHeader('Cache-Control', 'no-cache, no-transform');
  response.setHeader('X-Accel-Buffering', 'no');
  response.flushHeaders();
  let closed = false;
  const closing = once(response, 'close').then(() => {
    closed = true;
    options.onClose();
  });
  const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), options.heartbeatMs);
  try {
    for await (const event of events) {
      if (closed) break;
      if (!response.write(`id: ${event.id}\ndata: ${JSON.stringify(event.data)}\n\n`)) {
        await Promise.race([once(response, 'drain'), closing]);
      }
    }
  } catch (error) {
    logger.warn(`Event stream ended by a failure: ${String(error)}`);
  } finally {
    clearInterval(heartbeat);
    if (!closed) response.end();
    options.onClose();
  }
}
