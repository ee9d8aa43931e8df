import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Lines are written in chunks of about this many characters. */
const CHUNK_CHARS = 64 * 1024;
const logger = new Logger('NdjsonResponse');

/**
 * Sends `items` as NDJSON (one JSON value per line) as they are pulled, at the pace the client reads.
 * The first item is fetched before anything is sent, so a failure to start is an ordinary JSON error
 * response; a failure later can only cut the response short (the connection is closed mid-body, so
 * the client sees an incomplete transfer, never a complete-looking one).
 */
export async function sendNdjson(response: Response, items: AsyncIterable<unknown>): Promise<void> {
  const iterator = items[Symbol.asyncIterator]();
  const first = await iterator.next();
  response.status(200).type('application/x-ndjson');
  async function* chunks(): AsyncGenerator<string> {
    let chunk = '';
    for (let next = first; !next.done; next = await iterator.next()) {
      chunk += `${JSON.stringify(next.value)}\n`;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  try {
    await pipeline(Readable.from(chunks()), response);
  } catch (error) {
    if (!response.destroyed) response.destroy();
    if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.warn(`NDJSON response cut short: ${String(error)}`);
  }
}
