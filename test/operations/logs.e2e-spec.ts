import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildServer, postJson, startChildServer } from '../support/child-server.js';
import { waitUntil } from '../support/wait-until.js';

const API_TOKEN = 'api-token-for-log-tests-0123456789';

type LogLine = Record<string, unknown> & { level: string; msg: string; requestId?: string };

function lines(server: ChildServer): LogLine[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LogLine);
}

describe('JSON logs', () => {
  let folder: string;
  let server: ChildServer;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'bank-logs-'));
    server = await startChildServer({ SQLITE_PATH: join(folder, 'event-store.sqlite'), LOG_LEVEL: 'info', API_TOKEN });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes one JSON object per line, a request id on every request line, and no token', async () => {
    const auth = { Authorization: `Bearer ${API_TOKEN}`, 'X-Request-Id': 'log-req-1' };
    expect((await postJson(`${server.url}/commands/open-account`, { accountId: 'acc-log', initialBalance: 1 }, auth)).status).toBe(201);
    expect((await postJson(`${server.url}/commands/withdraw`, { accountId: 'acc-log', amount: 5 }, { ...auth, 'X-Request-Id': 'log-req-2' })).status).toBe(422);
    await waitUntil(() => server.output().includes('log-req-2'), 5000, 'the log line of the second request');

    const all = lines(server);
    expect(all.find((line) => line.msg.startsWith('Listening on port'))).toMatchObject({ level: 'info', context: 'Bootstrap' });
    const requests = all.filter((line) => line.msg === 'request completed');
    expect(requests.length).toBeGreaterThanOrEqual(2);
    for (const line of requests) expect(typeof line.requestId).toBe('string');
    expect(requests.find((line) => line.requestId === 'log-req-1')).toMatchObject({
      level: 'info',
      req: { method: 'POST', url: '/commands/open-account' },
      res: { statusCode: 201 },
      responseTime: expect.any(Number),
    });
    expect(requests.find((line) => line.requestId === 'log-req-2')).toMatchObject({ level: 'warn', res: { statusCode: 422 } });
    expect(server.output()).not.toContain(API_TOKEN);
  });

  it('logs requests refused while their body is read, with their request id', async () => {
    const malformed = await fetch(`${server.url}/commands/deposit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', Authorization: `Bearer ${API_TOKEN}`, 'X-Request-Id': 'log-req-malformed' },
      body: '{"accountId":',
    });
    expect(malformed.status).toBe(400);
    await waitUntil(() => server.output().includes('log-req-malformed'), 5000, 'the log line of the malformed request');
    expect(lines(server).find((line) => line.requestId === 'log-req-malformed')).toMatchObject({
      level: 'warn',
      msg: 'request completed',
      req: { method: 'POST', url: '/commands/deposit' },
      res: { statusCode: 400 },
    });
  });

  it('given a client that leaves before its response, then one warn line: the client left, the service did not fail', async () => {
    // Expect: 100-continue: the server's "continue" shows the request has reached the application, which
    // then waits for a body the client never sends.
    const client = http.request(`${server.url}/commands/deposit`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': '64',
        expect: '100-continue',
        authorization: `Bearer ${API_TOKEN}`,
        'x-request-id': 'log-req-left',
      },
    });
    client.on('error', () => undefined);
    client.flushHeaders();
    await once(client, 'continue');
    client.destroy();
    await waitUntil(() => server.output().includes('log-req-left'), 5000, 'the log line of the request whose client left');
    expect(lines(server).filter((line) => line.requestId === 'log-req-left')).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'request aborted', req: { method: 'POST', url: '/commands/deposit' } }),
    ]);
  });
});

describe('LOG_LEVEL', () => {
  it('given warn, then no info lines, and the service still starts', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bank-logs-'));
    const server = await startChildServer({ SQLITE_PATH: join(folder, 'event-store.sqlite'), LOG_LEVEL: 'warn' });
    try {
      expect((await postJson(`${server.url}/commands/open-account`, { accountId: 'acc-quiet' })).status).toBe(201);
      expect((await postJson(`${server.url}/commands/withdraw`, { accountId: 'acc-quiet', amount: 5 })).status).toBe(422);
      await waitUntil(() => server.output().includes('"statusCode":422'), 5000, 'the warn line of the refused withdrawal');
      expect(lines(server).map((line) => line.level)).toEqual(['warn']);
    } finally {
      expect(await server.stop()).toBe(0);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
