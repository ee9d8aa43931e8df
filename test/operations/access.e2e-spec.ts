import request from 'supertest';
import { createTestApp, type TestApp } from '../support/create-test-app.js';

const API_TOKEN = 'api-token-for-tests-0123456789';
const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

const UNAUTHORIZED = { statusCode: 401, code: 'UNAUTHORIZED', message: 'Missing or invalid bearer token', error: 'Unauthorized' };

describe('access with API_TOKEN and ADMIN_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ apiToken: API_TOKEN, adminToken: ADMIN_TOKEN });
  });
  afterAll(() => t.close());

  it.each([
    ['GET', '/queries/account/acc-1'],
    ['GET', '/events/stream'],
    ['GET', '/projections'],
    ['GET', '/stats'],
    ['GET', '/metrics'],
    ['POST', '/commands/open-account'],
  ])('given no token, when %s %s, then 401 UNAUTHORIZED and nothing appended', async (method, path) => {
    const head = await t.store.headPosition();
    const call = method === 'GET' ? request(t.server).get(path) : request(t.server).post(path).send({ accountId: 'acc-1' });
    const response = await call;
    expect(response.status).toBe(401);
    expect(response.body).toStrictEqual(UNAUTHORIZED);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(await t.store.headPosition()).toBe(head);
  });

  it('given a wrong token, another scheme or a token with a suffix, then 401', async () => {
    for (const authorization of [`Bearer ${API_TOKEN}x`, `Bearer ${API_TOKEN.slice(0, -1)}`, 'Bearer nope', `Basic ${API_TOKEN}`, API_TOKEN]) {
      const response = await request(t.server).get('/stats').set('Authorization', authorization);
      expect(response.status).toBe(401);
      expect(response.body).toStrictEqual(UNAUTHORIZED);
    }
  });

  it('given the API token, then commands, queries and metrics answer', async () => {
    const opened = await request(t.server).post('/commands/open-account').set(bearer(API_TOKEN)).send({ accountId: 'acc-tok', initialBalance: 5 });
    expect(opened.status).toBe(201);
    const account = await request(t.server).get('/queries/account/acc-tok').set(bearer(API_TOKEN));
    expect(account.status).toBe(200);
    expect(account.body.balance).toBe(5);
    expect((await request(t.server).get('/metrics').set(bearer(API_TOKEN))).status).toBe(200);
  });

  it('given the admin token, then ordinary routes accept it too', async () => {
    expect((await request(t.server).get('/stats').set(bearer(ADMIN_TOKEN))).status).toBe(200);
  });

  it('given no token, then /health still answers', async () => {
    const response = await request(t.server).get('/health');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
  });

  it('given the API token, when rebuilding a projection, then 401: rebuild is an admin route', async () => {
    const refused = await request(t.server).post('/projections/rebuild').set(bearer(API_TOKEN)).send({ name: 'AccountBalances' });
    expect(refused.status).toBe(401);
    expect(refused.body).toStrictEqual(UNAUTHORIZED);
    const rebuilt = await request(t.server).post('/projections/rebuild').set(bearer(ADMIN_TOKEN)).send({ name: 'AccountBalances' });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body).toMatchObject({ name: 'AccountBalances', status: 'running' });
  });
});

describe('access with ADMIN_TOKEN only', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ adminToken: ADMIN_TOKEN });
  });
  afterAll(() => t.close());

  it('leaves ordinary routes open and guards admin routes', async () => {
    expect((await request(t.server).post('/commands/open-account').send({ accountId: 'acc-open' })).status).toBe(201);
    expect((await request(t.server).get('/stats')).status).toBe(200);
    expect((await request(t.server).post('/projections/rebuild').send({ name: 'Stats' })).status).toBe(401);
    expect((await request(t.server).post('/projections/rebuild').set(bearer(ADMIN_TOKEN)).send({ name: 'Stats' })).status).toBe(200);
  });
});

describe('access without tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is open, as in the seed examples, rebuild included', async () => {
    expect((await request(t.server).post('/commands/open-account').send({ accountId: 'acc-free' })).status).toBe(201);
    expect((await request(t.server).post('/projections/rebuild').send({ name: 'Stats' })).status).toBe(200);
    expect((await request(t.server).get('/metrics')).status).toBe(200);
  });
});

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ apiToken: API_TOKEN });
  });
  afterAll(() => t.close());

  it('sends helmet headers with a content security policy that lets Swagger UI load its own files', async () => {
    const docs = await request(t.server).get('/docs').set(bearer(API_TOKEN));
    expect(docs.status).toBe(200);
    const csp = String(docs.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
    expect(docs.headers['x-frame-options']).toBe('DENY');
    expect(docs.headers['x-powered-by']).toBeUndefined();
    // Every script of the page is a file of this origin, so `script-src 'self'` allows it.
    const scripts = [...docs.text.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\.\/[^"]+\.js"/);
      expect(body.trim()).toBe('');
    }
    expect((await request(t.server).get('/docs/swagger-ui-init.js').set(bearer(API_TOKEN))).status).toBe(200);
  });

  it.each(['/docs', '/docs/', '/docs/swagger-ui-init.js', '/docs-json'])('given no token, when GET %s, then 401 UNAUTHORIZED', async (path) => {
    const response = await request(t.server).get(path);
    expect(response.status).toBe(401);
    expect(response.body).toStrictEqual(UNAUTHORIZED);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
  });

  it('given a browser without a token, then /docs asks for Basic credentials too, and takes the token as their password', async () => {
    const page = await request(t.server).get('/docs').set('Accept', 'text/html,application/xhtml+xml');
    expect(page.status).toBe(401);
    expect(page.headers['www-authenticate']).toEqual(expect.stringMatching(/Basic realm="event-sourced-bank"/));
    const basic = (password: string) => ({ Authorization: `Basic ${Buffer.from(`reader:${password}`).toString('base64')}` });
    expect((await request(t.server).get('/docs').set(basic(API_TOKEN))).status).toBe(200);
    expect((await request(t.server).get('/docs-json').set(basic(API_TOKEN))).status).toBe(200);
    expect((await request(t.server).get('/stats').set(basic(API_TOKEN))).status).toBe(200);
    expect((await request(t.server).get('/docs').set(basic('wrong-password-0123456789'))).status).toBe(401);
    expect((await request(t.server).get('/docs-json').set(bearer(API_TOKEN))).status).toBe(200);
  });

  it('documents the bearer schemes', async () => {
    const document = (await request(t.server).get('/docs-json').set(bearer(API_TOKEN))).body;
    expect(document.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      adminToken: { type: 'http', scheme: 'bearer' },
    });
    expect(document.paths['/health'].get.security).toEqual([]);
    expect(document.paths['/projections/rebuild'].post.security).toEqual(expect.arrayContaining([{ adminToken: [] }]));
  });
});
