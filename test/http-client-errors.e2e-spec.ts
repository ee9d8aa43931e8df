import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from './support/create-test-app.js';

/**
 * Requests that Node's HTTP parser refuses never reach Express; they still get the API's JSON error
 * shape (SPEC 2, Errors: every error is JSON), and the connection closes.
 */
describe('requests refused by the HTTP parser', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp();
    await new Promise<void>((resolve) => t.server.listen(0, '127.0.0.1', resolve));
    port = (t.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  /** Sends `raw` on a new connection and resolves with everything the server wrote before closing it. */
  function exchange(raw: string): Promise<{ status: number; headers: string; body: string }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (received += chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head, body = ''] = received.split('\r\n\r\n');
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head, body });
      });
      socket.write(raw);
    });
  }

  it('answers headers over the limit with 431 HEADERS_TOO_LARGE in JSON and appends nothing', async () => {
    const before = await t.store.headPosition();
    const body = JSON.stringify({ accountId: 'acc-431', initialBalance: 1 });
    const response = await exchange(
      'POST /commands/open-account HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        `X-Big: ${'a'.repeat(20_000)}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );

    expect(response.status).toBe(431);
    expect(response.headers).toMatch(/\r\nContent-Type: application\/json; charset=utf-8\r\n/);
    expect(response.headers).toMatch(/\r\nConnection: close/);
    expect(JSON.parse(response.body)).toEqual({
      statusCode: 431,
      code: 'HEADERS_TOO_LARGE',
      message: 'Request headers are larger than the server accepts',
      error: 'Request Header Fields Too Large',
    });
    expect(await t.store.headPosition()).toBe(before);
  });

  it('answers a request that is not HTTP with 400 MALFORMED_REQUEST in JSON', async () => {
    const response = await exchange('HELLO THERE\r\n\r\n');

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      statusCode: 400,
      code: 'MALFORMED_REQUEST',
      message: 'The request could not be parsed as HTTP',
      error: 'Bad Request',
    });
  });
});
