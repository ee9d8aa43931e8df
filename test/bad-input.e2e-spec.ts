import { STATUS_CODES } from 'node:http';
import request, { type Response } from 'supertest';
import { createTestApp, type TestApp } from './support/create-test-app.js';

/**
 * Bad input on every route (SPEC 2, Errors): each is refused with the documented status and `code` in
 * the one JSON error shape, never HTML, never a stack trace, never a 5xx, and appends nothing.
 */

const ACTIVE = 'bad-active'; // open, balance 100, version 1 (+ one idempotent deposit → version 2, balance 101)
const CLOSED = 'bad-closed'; // opened with 0 and closed
const AT_MAX = 'bad-max';
const PROTO = 'bad-proto'; // open, balance 50, version 1: target of the __proto__ case, so a wrong append there disturbs no other case // balance exactly 2^53-1 minor units = 90071992547409.91
const MAX_BALANCE = 90071992547409.91;
const USED_KEY = 'bad-input-used-key-1';
const ID_65 = 'a'.repeat(65);

type Method = 'get' | 'post' | 'put' | 'delete' | 'patch';

interface BadInput {
  name: string;
  method: Method;
  path: string;
  /** A JSON value sent as `application/json`. */
  json?: unknown;
  /** A body sent verbatim (with `contentType`, if set). */
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** Extra body fields to check exactly (e.g. `currentVersion`). */
  extra?: Record<string, unknown>;
}

const cmd = (name: string, route: string, json: unknown, status: number, code: string, extra?: Partial<BadInput>): BadInput => ({
  name,
  method: 'post',
  path: `/commands/${route}`,
  json,
  status,
  code,
  ...extra,
});
const vf = (name: string, route: string, json: unknown, extra?: Partial<BadInput>): BadInput =>
  cmd(name, route, json, 400, 'VALIDATION_FAILED', extra);
const getVf = (name: string, path: string): BadInput => ({ name, method: 'get', path, status: 400, code: 'VALIDATION_FAILED' });

const cases: BadInput[] = [
  // --- command bodies: fields and types ---
  vf('open: unknown field', 'open-account', { accountId: 'new-1', initialBalance: 1, nickname: 'x' }),
  vf('deposit: unknown field', 'deposit', { accountId: ACTIVE, amount: 1, currency: 'EUR' }),
  vf('open: missing accountId', 'open-account', { initialBalance: 10 }),
  vf('open: empty object', 'open-account', {}),
  vf('deposit: missing amount', 'deposit', { accountId: ACTIVE }),
  vf('withdraw: missing accountId', 'withdraw', { amount: 1 }),
  vf('close: missing accountId', 'close-account', {}),
  vf('deposit: amount as string "500"', 'deposit', { accountId: ACTIVE, amount: '500' }),
  vf('deposit: amount boolean', 'deposit', { accountId: ACTIVE, amount: true }),
  vf('deposit: amount null', 'deposit', { accountId: ACTIVE, amount: null }),
  vf('deposit: amount array', 'deposit', { accountId: ACTIVE, amount: [500] }),
  vf('deposit: amount object', 'deposit', { accountId: ACTIVE, amount: { value: 500 } }),
  vf('deposit: negative amount', 'deposit', { accountId: ACTIVE, amount: -5 }),
  vf('deposit: zero amount', 'deposit', { accountId: ACTIVE, amount: 0 }),
  vf('withdraw: zero amount', 'withdraw', { accountId: ACTIVE, amount: 0 }),
  vf('deposit: 3 decimals (0.001)', 'deposit', { accountId: ACTIVE, amount: 0.001 }),
  vf('withdraw: 3 decimals (1.005)', 'withdraw', { accountId: ACTIVE, amount: 1.005 }),
  vf('deposit: too large (1e12 + 1)', 'deposit', { accountId: ACTIVE, amount: 1_000_000_000_001 }),
  vf('deposit: too large (1e12 + 0.01)', 'deposit', { accountId: ACTIVE, amount: 1_000_000_000_000.01 }),
  vf('deposit: 1e400 (parses to Infinity)', 'deposit', undefined, { raw: `{"accountId":"${ACTIVE}","amount":1e400}`, contentType: 'application/json' }),
  vf('deposit: -1e400 (parses to -Infinity)', 'deposit', undefined, { raw: `{"accountId":"${ACTIVE}","amount":-1e400}`, contentType: 'application/json' }),
  vf('open: initialBalance 1e21 (exponent form)', 'open-account', undefined, { raw: '{"accountId":"new-8","initialBalance":1e21}', contentType: 'application/json' }),
  vf('deposit: 1e-7 (tiny, exponent form)', 'deposit', undefined, { raw: `{"accountId":"${ACTIVE}","amount":1e-7}`, contentType: 'application/json' }),
  vf('open: negative initialBalance', 'open-account', { accountId: 'new-2', initialBalance: -1 }),
  vf('open: initialBalance as string', 'open-account', { accountId: 'new-3', initialBalance: '1000' }),
  vf('open: initialBalance null', 'open-account', { accountId: 'new-4', initialBalance: null }),
  vf('open: initialBalance too large', 'open-account', { accountId: 'new-5', initialBalance: 1_000_000_000_001 }),
  vf('open: initialBalance 3 decimals', 'open-account', { accountId: 'new-6', initialBalance: 10.125 }),
  vf('deposit: expectedVersion as string', 'deposit', { accountId: ACTIVE, amount: 1, expectedVersion: '2' }),
  vf('deposit: expectedVersion negative', 'deposit', { accountId: ACTIVE, amount: 1, expectedVersion: -1 }),
  vf('withdraw: expectedVersion 1.5', 'withdraw', { accountId: ACTIVE, amount: 1, expectedVersion: 1.5 }),
  vf('close: expectedVersion null', 'close-account', { accountId: CLOSED, expectedVersion: null }),
  vf('deposit: __proto__ field', 'deposit', undefined, {
    raw: `{"accountId":"${PROTO}","amount":1,"__proto__":{"admin":true}}`,
    contentType: 'application/json',
  }),
  // Deep nesting must not exhaust the stack of whatever walks the body (validation, transformation).
  vf('deposit: an unknown field of arrays nested 5,000 deep', 'deposit', undefined, {
    raw: `{"accountId":"${ACTIVE}","amount":1,"x":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    contentType: 'application/json',
  }),
  vf('open: an unknown field of objects nested 5,000 deep', 'open-account', undefined, {
    raw: `{"accountId":"deep-1","x":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
    contentType: 'application/json',
  }),
  cmd('rebuild: a name nested 5,000 deep', '', undefined, 400, 'VALIDATION_FAILED', {
    path: '/projections/rebuild',
    raw: `{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    contentType: 'application/json',
  }),

  // --- account ids in bodies ---
  vf('open: empty accountId', 'open-account', { accountId: '' }),
  vf('open: 65-char accountId', 'open-account', { accountId: ID_65 }),
  vf('open: accountId starting with "-"', 'open-account', { accountId: '-abc' }),
  vf('open: accountId starting with "."', 'open-account', { accountId: '.abc' }),
  vf('open: accountId containing "/"', 'open-account', { accountId: 'a/b' }),
  vf('open: accountId containing a space', 'open-account', { accountId: 'a b' }),
  vf('open: accountId with a trailing newline', 'open-account', { accountId: 'abc\n' }),
  vf('open: unicode accountId', 'open-account', { accountId: 'kontö-1' }),
  vf('open: accountId as a number', 'open-account', { accountId: 123 }),
  vf('deposit: accountId null', 'deposit', { accountId: null, amount: 1 }),

  // --- body shapes and parsing ---
  vf('open: top-level JSON array body', 'open-account', [{ accountId: 'new-7' }]),
  vf('deposit: JSON string body', 'deposit', undefined, { raw: '"hello"', contentType: 'application/json' }),
  vf('deposit: JSON number body', 'deposit', undefined, { raw: '42', contentType: 'application/json' }),
  vf('deposit: JSON null body', 'deposit', undefined, { raw: 'null', contentType: 'application/json' }),
  vf('deposit: empty JSON body', 'deposit', undefined, { raw: '', contentType: 'application/json' }),
  cmd('open: malformed JSON', 'open-account', undefined, 400, 'MALFORMED_JSON', { raw: '{"accountId":', contentType: 'application/json' }),
  cmd('deposit: malformed JSON (single quotes)', 'deposit', undefined, 400, 'MALFORMED_JSON', {
    raw: `{'accountId':'${ACTIVE}','amount':1}`,
    contentType: 'application/json',
  }),
  cmd('deposit: malformed JSON (trailing comma)', 'deposit', undefined, 400, 'MALFORMED_JSON', {
    raw: `{"accountId":"${ACTIVE}","amount":1,}`,
    contentType: 'application/json',
  }),
  cmd('deposit: body over 100 kB', 'deposit', { accountId: ACTIVE, amount: 1, pad: 'x'.repeat(110 * 1024) }, 413, 'PAYLOAD_TOO_LARGE'),
  cmd('deposit: text/plain body', 'deposit', undefined, 415, 'UNSUPPORTED_MEDIA_TYPE', {
    raw: JSON.stringify({ accountId: ACTIVE, amount: 1 }),
    contentType: 'text/plain',
  }),
  cmd('deposit: form-encoded body', 'deposit', undefined, 415, 'UNSUPPORTED_MEDIA_TYPE', {
    raw: `accountId=${ACTIVE}&amount=1`,
    contentType: 'application/x-www-form-urlencoded',
  }),
  cmd('deposit: no content type', 'deposit', undefined, 415, 'UNSUPPORTED_MEDIA_TYPE', {
    raw: Buffer.from(JSON.stringify({ accountId: ACTIVE, amount: 1 })),
  }),
  cmd('deposit: application/json with charset=latin1', 'deposit', undefined, 415, 'UNSUPPORTED_MEDIA_TYPE', {
    raw: JSON.stringify({ accountId: ACTIVE, amount: 1 }),
    contentType: 'application/json; charset=latin1',
  }),
  cmd('open: application/xml body', 'open-account', undefined, 415, 'UNSUPPORTED_MEDIA_TYPE', {
    raw: '<account><accountId>x-1</accountId></account>',
    contentType: 'application/xml',
  }),

  // --- Idempotency-Key ---
  cmd('deposit: Idempotency-Key reused with another body', 'deposit', { accountId: ACTIVE, amount: 2 }, 409, 'IDEMPOTENCY_KEY_REUSED', {
    headers: { 'Idempotency-Key': USED_KEY },
  }),
  cmd('withdraw: Idempotency-Key reused on another route', 'withdraw', { accountId: ACTIVE, amount: 1 }, 409, 'IDEMPOTENCY_KEY_REUSED', {
    headers: { 'Idempotency-Key': USED_KEY },
  }),
  vf('deposit: Idempotency-Key of 129 chars', 'deposit', { accountId: ACTIVE, amount: 1 }, { headers: { 'Idempotency-Key': 'k'.repeat(129) } }),
  vf('deposit: empty Idempotency-Key', 'deposit', { accountId: ACTIVE, amount: 1 }, { headers: { 'Idempotency-Key': '' } }),
  vf('deposit: non-ASCII Idempotency-Key', 'deposit', { accountId: ACTIVE, amount: 1 }, { headers: { 'Idempotency-Key': 'clé-é' } }),

  // --- domain refusals ---
  cmd('deposit: unknown account', 'deposit', { accountId: 'nobody', amount: 1 }, 404, 'ACCOUNT_NOT_FOUND'),
  cmd('withdraw: unknown account', 'withdraw', { accountId: 'nobody', amount: 1 }, 404, 'ACCOUNT_NOT_FOUND'),
  cmd('close: unknown account', 'close-account', { accountId: 'nobody' }, 404, 'ACCOUNT_NOT_FOUND'),
  cmd('open: existing account', 'open-account', { accountId: ACTIVE, initialBalance: 5 }, 409, 'ACCOUNT_ALREADY_EXISTS'),
  cmd('open: existing closed account', 'open-account', { accountId: CLOSED }, 409, 'ACCOUNT_ALREADY_EXISTS'),
  cmd('withdraw: more than the balance', 'withdraw', { accountId: ACTIVE, amount: 101.01 }, 422, 'INSUFFICIENT_FUNDS'),
  cmd('withdraw: far more than the balance', 'withdraw', { accountId: PROTO, amount: 1_000_000_000_000 }, 422, 'INSUFFICIENT_FUNDS'),
  cmd('close: balance not zero', 'close-account', { accountId: ACTIVE }, 422, 'BALANCE_NOT_ZERO'),
  cmd('deposit: balance would pass 2^53-1 minor units', 'deposit', { accountId: AT_MAX, amount: 0.01 }, 422, 'AMOUNT_OUT_OF_RANGE'),
  cmd('deposit: 1e12 onto the max balance', 'deposit', { accountId: AT_MAX, amount: 1_000_000_000_000 }, 422, 'AMOUNT_OUT_OF_RANGE'),
  cmd('deposit: closed account', 'deposit', { accountId: CLOSED, amount: 1 }, 409, 'ACCOUNT_CLOSED'),
  cmd('withdraw: closed account', 'withdraw', { accountId: CLOSED, amount: 1 }, 409, 'ACCOUNT_CLOSED'),
  cmd('close: closed account', 'close-account', { accountId: CLOSED }, 409, 'ACCOUNT_CLOSED'),
  cmd('deposit: stale expectedVersion', 'deposit', { accountId: ACTIVE, amount: 1, expectedVersion: 1 }, 409, 'VERSION_CONFLICT', {
    extra: { currentVersion: 2 },
  }),

  // --- path parameters ---
  getVf('GET account: id starting with "-"', '/queries/account/-abc'),
  getVf('GET account: 65-char id', `/queries/account/${ID_65}`),
  getVf('GET account: id with encoded "/"', '/queries/account/a%2Fb'),
  getVf('GET account: id with a space', '/queries/account/a%20b'),
  getVf('GET account: unicode id', `/queries/account/${encodeURIComponent('kontö')}`),
  getVf('GET events/account: id starting with "_"', '/events/account/_abc'),
  getVf('GET snapshots/account: id with "!"', '/snapshots/account/abc!'),

  // --- query parameters ---
  getVf('GET account: limit=abc', `/queries/account/${ACTIVE}?limit=abc`),
  getVf('GET account: limit=-1', `/queries/account/${ACTIVE}?limit=-1`),
  getVf('GET account: limit=1001', `/queries/account/${ACTIVE}?limit=1001`),
  getVf('GET account: limit=2.5', `/queries/account/${ACTIVE}?limit=2.5`),
  getVf('GET account: repeated limit', `/queries/account/${ACTIVE}?limit=1&limit=2`),
  getVf('GET account: empty limit', `/queries/account/${ACTIVE}?limit=`),
  getVf('GET account: atVersion=0', `/queries/account/${ACTIVE}?atVersion=0`),
  getVf('GET account: atVersion=abc', `/queries/account/${ACTIVE}?atVersion=abc`),
  {
    ...getVf('GET account: asOf=notadate', `/queries/account/${ACTIVE}?asOf=notadate`),
    extra: { message: 'asOf must be milliseconds since the epoch or an ISO-8601 date-time' },
  },
  getVf('GET account: asOf=2026-13-45', `/queries/account/${ACTIVE}?asOf=2026-13-45`),
  getVf('GET account: asOf=2026-02-30 (no such day)', `/queries/account/${ACTIVE}?asOf=2026-02-30`),
  getVf('GET account: asOf=-5', `/queries/account/${ACTIVE}?asOf=-5`),
  getVf('GET account: atVersion and asOf together', `/queries/account/${ACTIVE}?atVersion=1&asOf=1`),
  getVf('GET account: unknown query param', `/queries/account/${ACTIVE}?verbose=true`),
  getVf('GET stream: limit=abc', '/events/stream?limit=abc'),
  getVf('GET stream: limit=0', '/events/stream?limit=0'),
  getVf('GET stream: limit=10001', '/events/stream?limit=10001'),
  getVf('GET stream: after=-1', '/events/stream?after=-1'),
  getVf('GET stream: after=1.5', '/events/stream?after=1.5'),
  getVf('GET stream: after=9999999999999999 (past 15 digits)', '/events/stream?after=9999999999999999'),
  getVf('GET stream: eventType=bad!type', '/events/stream?eventType=bad!type'),
  getVf('GET stream: eventType with an empty item', '/events/stream?eventType=MoneyDeposited,'),
  getVf('GET stream: unknown query param', '/events/stream?from=1'),
  getVf('GET events/account: fromVersion=0', `/events/account/${ACTIVE}?fromVersion=0`),
  getVf('GET events/account: limit=0', `/events/account/${ACTIVE}?limit=0`),
  getVf('GET events/account: limit=10001', `/events/account/${ACTIVE}?limit=10001`),
  getVf('GET events/account: unknown query param', `/events/account/${ACTIVE}?toVersion=3`),
  getVf('GET snapshot: any query param', `/snapshots/account/${ACTIVE}?version=1`),
  getVf('GET projections: any query param', '/projections?name=Stats'),
  getVf('GET projection status: any query param', '/projections/Stats?verbose=1'),
  { ...vf('deposit: any query param', 'deposit', { accountId: ACTIVE, amount: 1 }), path: '/commands/deposit?amount=5' },

  // --- GET refusals on existing routes ---
  { name: 'GET account: unknown account', method: 'get', path: '/queries/account/nobody', status: 404, code: 'ACCOUNT_NOT_FOUND' },
  { name: 'GET events/account: unknown account', method: 'get', path: '/events/account/nobody', status: 404, code: 'ACCOUNT_NOT_FOUND' },
  { name: 'GET snapshot: unknown account', method: 'get', path: '/snapshots/account/nobody', status: 404, code: 'ACCOUNT_NOT_FOUND' },
  { name: 'GET snapshot: account with < 10 events', method: 'get', path: `/snapshots/account/${ACTIVE}`, status: 404, code: 'SNAPSHOT_NOT_FOUND' },

  // --- unknown routes and methods ---
  { name: 'GET unknown route', method: 'get', path: '/nope', status: 404, code: 'NOT_FOUND' },
  { name: 'GET /queries/account without id', method: 'get', path: '/queries/account', status: 404, code: 'NOT_FOUND' },
  { name: 'POST unknown command', method: 'post', path: '/commands/rob-bank', json: { accountId: ACTIVE }, status: 404, code: 'NOT_FOUND' },
  { name: 'GET on a POST route', method: 'get', path: '/commands/deposit', status: 404, code: 'NOT_FOUND' },
  { name: 'PUT on a POST route', method: 'put', path: '/commands/deposit', json: { accountId: ACTIVE, amount: 1 }, status: 404, code: 'NOT_FOUND' },
  { name: 'DELETE an account', method: 'delete', path: `/queries/account/${ACTIVE}`, status: 404, code: 'NOT_FOUND' },
  { name: 'POST on a GET route', method: 'post', path: '/events/stream', json: {}, status: 404, code: 'NOT_FOUND' },
];

const STACK_TRACE = /\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules|Error:\s/;
const ALLOWED_KEYS = ['code', 'currentVersion', 'details', 'error', 'message', 'statusCode'];

describe('bad input', () => {
  let t: TestApp;
  let head: number;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const req = request(t.server).post(path).set('Content-Type', 'application/json');
    for (const [name, value] of Object.entries(headers)) req.set(name, value);
    return req.send(JSON.stringify(body));
  };

  beforeAll(async () => {
    t = await createTestApp();
    const mustSucceed = async (response: Promise<Response>) => {
      const result = await response;
      if (result.status >= 300) throw new Error(`setup failed: ${result.status} ${result.text}`);
      return result;
    };
    await mustSucceed(post('/commands/open-account', { accountId: ACTIVE, initialBalance: 100 }));
    await mustSucceed(post('/commands/deposit', { accountId: ACTIVE, amount: 1 }, { 'Idempotency-Key': USED_KEY }));
    await mustSucceed(post('/commands/open-account', { accountId: PROTO, initialBalance: 50 }));
    await mustSucceed(post('/commands/open-account', { accountId: CLOSED }));
    await mustSucceed(post('/commands/close-account', { accountId: CLOSED }));
    // 2^53-1 minor units = 90071992547409.91: 90 x 1e12 (the largest operation), then the rest.
    await mustSucceed(post('/commands/open-account', { accountId: AT_MAX, initialBalance: 1_000_000_000_000 }));
    for (let index = 0; index < 89; index++) {
      await mustSucceed(post('/commands/deposit', { accountId: AT_MAX, amount: 1_000_000_000_000 }));
    }
    const last = await mustSucceed(post('/commands/deposit', { accountId: AT_MAX, amount: 71_992_547_409.91 }));
    expect(last.body.balance).toBe(MAX_BALANCE);
    head = await t.store.headPosition();
    expect(head).toBe(2 + 1 + 2 + 91);
  }, 120_000);
  afterAll(() => t.close());

  it('covers at least 45 distinct bad inputs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases)('$name → $status $code', async (c) => {
    const before = await t.store.headPosition();
    let req = request(t.server)[c.method](c.path);
    for (const [name, value] of Object.entries(c.headers ?? {})) req = req.set(name, value);
    if (c.json !== undefined) {
      req = req.set('Content-Type', 'application/json').send(JSON.stringify(c.json));
    } else if (c.raw !== undefined) {
      if (c.contentType) req = req.set('Content-Type', c.contentType);
      req = req.send(c.raw);
    }
    const response = await req;

    expect({ status: response.status, code: response.body?.code }).toEqual({ status: c.status, code: c.code });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({
      statusCode: c.status,
      code: c.code,
      message: expect.any(String),
      error: STATUS_CODES[c.status],
      ...(c.extra ?? {}),
    });
    expect((response.body.message as string).length).toBeGreaterThan(0);
    expect(Object.keys(response.body).filter((key) => !ALLOWED_KEYS.includes(key))).toEqual([]);
    if (c.code === 'VALIDATION_FAILED') {
      expect(Array.isArray(response.body.details)).toBe(true);
      expect(response.body.details.length).toBeGreaterThan(0);
      for (const detail of response.body.details) {
        expect(detail).toEqual({ field: expect.any(String), problems: expect.any(Array) });
        expect(detail.problems.length).toBeGreaterThan(0);
      }
    } else {
      expect(response.body).not.toHaveProperty('details');
    }
    expect(response.text).not.toMatch(STACK_TRACE);
    expect(response.text).not.toMatch(/<html|<!DOCTYPE/i);
    expect(await t.store.headPosition()).toBe(before);
  });

  it('appended no event for any of the bad inputs', async () => {
    expect(await t.store.headPosition()).toBe(head);
    const accounts = await Promise.all(
      [ACTIVE, PROTO, CLOSED, AT_MAX].map(async (id) => (await request(t.server).get(`/queries/account/${id}?limit=0`)).body),
    );
    expect(accounts.map((a) => [a.id, a.version, a.balance, a.isActive])).toEqual([
      [ACTIVE, 2, 101, true],
      [PROTO, 1, 50, true],
      [CLOSED, 2, 0, false],
      [AT_MAX, 91, MAX_BALANCE, true],
    ]);
    const nobody = await request(t.server).get('/queries/account/nobody');
    expect(nobody.status).toBe(404);
    for (const id of ['new-1', 'new-2', 'new-3', 'new-4', 'new-5', 'new-6', 'new-7', 'new-8']) {
      expect((await request(t.server).get(`/queries/account/${id}`)).status).toBe(404);
    }
  });
});
