import { jest } from '@jest/globals';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/create-test-app.js';

/** The value of one sample of the Prometheus text, or 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return 0;
}

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const response = await request(t.server).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    return response.text;
  };

  it('serves process metrics in the Prometheus text format', async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(text).toContain('# TYPE bank_command_duration_seconds histogram');
  });

  it('given commands, then appends by event type and command latency by outcome move', async () => {
    const before = await scrape();
    await request(t.server).post('/commands/open-account').send({ accountId: 'acc-m', initialBalance: 10 }).expect(201);
    await request(t.server).post('/commands/deposit').send({ accountId: 'acc-m', amount: 5 }).expect(200);
    await request(t.server).post('/commands/deposit').send({ accountId: 'acc-m', amount: 5 }).expect(200);
    await request(t.server).post('/commands/withdraw').send({ accountId: 'acc-m', amount: 1000 }).expect(422);
    await request(t.server).post('/commands/deposit').send({ accountId: 'acc-m', amount: 'x' }).expect(400);
    await request(t.server).post('/commands/deposit').set('Idempotency-Key', 'metrics-1').send({ accountId: 'acc-m', amount: 1 }).expect(200);
    await request(t.server).post('/commands/deposit').set('Idempotency-Key', 'metrics-1').send({ accountId: 'acc-m', amount: 1 }).expect(200);
    await request(t.server).post('/commands/deposit').set('Idempotency-Key', 'metrics-1').send({ accountId: 'acc-m', amount: 2 }).expect(409);
    await request(t.server).post('/commands/no-such-command').send({ accountId: 'acc-m' }).expect(404);
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    expect(moved('bank_events_appended_total', { event_type: 'AccountOpened' })).toBe(1);
    expect(moved('bank_events_appended_total', { event_type: 'MoneyDeposited' })).toBe(3);
    expect(moved('bank_events_appended_total', { event_type: 'MoneyWithdrawn' })).toBe(0);
    expect(moved('bank_command_duration_seconds_count', { command: 'open-account', outcome: 'ok' })).toBe(1);
    expect(moved('bank_command_duration_seconds_count', { command: 'deposit', outcome: 'ok' })).toBe(3);
    expect(moved('bank_command_duration_seconds_count', { command: 'deposit', outcome: 'replayed' })).toBe(1);
    expect(moved('bank_command_duration_seconds_count', { command: 'deposit', outcome: 'VALIDATION_FAILED' })).toBe(1);
    expect(moved('bank_command_duration_seconds_count', { command: 'withdraw', outcome: 'INSUFFICIENT_FUNDS' })).toBe(1);
    expect(moved('bank_command_duration_seconds_count', { command: 'deposit', outcome: 'IDEMPOTENCY_KEY_REUSED' })).toBe(1);
    // Only routes that exist name a command: a client cannot make labels up.
    expect(after).not.toContain('no-such-command');
    expect(sample(after, 'bank_command_duration_seconds_bucket', { command: 'withdraw', outcome: 'INSUFFICIENT_FUNDS', le: '+Inf' })).toBe(1);
    expect(sample(after, 'bank_command_duration_seconds_sum', { command: 'deposit', outcome: 'ok' })).toBeGreaterThan(0);
  });

  it('given a client that leaves before its command is answered, then the command counts once, as aborted', async () => {
    await request(t.server).post('/commands/open-account').send({ accountId: 'acc-left', initialBalance: 10 }).expect(201);
    const before = await scrape();
    // Hold the deposit at the store until the client has gone.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const atStore = new Promise<void>((resolve) => (reached = resolve));
    const append = t.store.append.bind(t.store);
    let passOn!: (result: ReturnType<typeof append>) => void;
    const appended = new Promise((resolve) => (passOn = resolve));
    jest.spyOn(t.store, 'append').mockImplementationOnce(async (appendRequest) => {
      reached();
      await released;
      const result = append(appendRequest);
      passOn(result);
      return result;
    });
    const responseClosed = new Promise<void>((resolve) =>
      t.server.once('request', (_request: IncomingMessage, response: ServerResponse) => response.once('close', () => resolve())),
    );
    if (!t.server.listening) await new Promise<void>((resolve) => t.server.listen(0, resolve));
    const { port } = t.server.address() as AddressInfo;
    const client = http.request({ port, method: 'POST', path: '/commands/deposit', headers: { 'content-type': 'application/json' } });
    client.on('error', () => undefined);
    client.end(JSON.stringify({ accountId: 'acc-left', amount: 5 }));
    await atStore;
    client.destroy();
    await responseClosed;
    release();
    await appended;

    const after = await scrape();
    const moved = (labels: Record<string, string>) =>
      sample(after, 'bank_command_duration_seconds_count', labels) - sample(before, 'bank_command_duration_seconds_count', labels);
    expect(moved({ command: 'deposit', outcome: 'aborted' })).toBe(1);
    expect(moved({ command: 'deposit', outcome: 'ok' })).toBe(0);
    // The command itself went on to complete: its event is stored.
    expect((await t.store.readStream('acc-left')).map((event) => event.eventType)).toEqual(['AccountOpened', 'MoneyDeposited']);
  });

  it('reports each projection: lag, position, status and whether this instance runs it', async () => {
    const head = await t.store.headPosition();
    // A read waits for the projections to apply what this process committed before it.
    await request(t.server).get('/projections').expect(200);
    const text = await scrape();
    for (const projection of ['AccountBalances', 'TransactionHistory', 'DailySummary', 'Stats']) {
      expect(sample(text, 'bank_projection_lag_events', { projection })).toBe(0);
      expect(sample(text, 'bank_projection_position', { projection })).toBe(head);
      expect(sample(text, 'bank_projection_status', { projection, status: 'running' })).toBe(1);
      expect(sample(text, 'bank_projection_status', { projection, status: 'faulted' })).toBe(0);
      expect(sample(text, 'bank_projection_active', { projection })).toBe(1);
    }
  });
});
