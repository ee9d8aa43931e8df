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
