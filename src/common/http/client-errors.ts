import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ErrorBody, errorBody } from '../errors/error-body.js';

/**
 * Requests Node's HTTP parser refuses before the application sees them (headers over the size limit,
 * a request that is not HTTP, one that did not arrive within the request timeout) are answered in the
 * API's JSON error shape instead of Node's bare status line, then the connection closes, as Node does.
 */
export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & { bytesWritten?: number }) => {
    // Nothing may be written once a response has begun, or to a connection the client already reset.
    if (error.code === 'ECONNRESET' || !socket.writable || socket.bytesWritten) socket.destroy();
    else socket.end(rawResponse(bodyFor(error.code)));
  });
}

function bodyFor(code: string | undefined): ErrorBody {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return errorBody('HEADERS_TOO_LARGE', 'Request headers are larger than the server accepts');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return errorBody('REQUEST_TIMEOUT', 'The request did not arrive in time');
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return errorBody('PAYLOAD_TOO_LARGE', 'Request chunk extensions are larger than the server accepts');
    default:
      return errorBody('MALFORMED_REQUEST', 'The request could not be parsed as HTTP');
  }
}

function rawResponse(body: ErrorBody): string {
  const json = JSON.stringify(body);
  return (
    `HTTP/1.1 ${body.statusCode} ${body.error}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(json)}\r\n` +
    'Connection: close\r\n\r\n' +
    json
  );
}
