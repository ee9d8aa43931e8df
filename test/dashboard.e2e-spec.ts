import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { newEventId } from '../src/eventstore/event-id.js';
import type { NewEvent } from '../src/eventstore/event-envelope.js';
import { ARTIFACTS, browserSession, describeInBrowser, pageErrorsOf } from './support/browser.js';
import type { TestApp } from './support/create-test-app.js';

const API_TOKEN = 'api-token-for-the-dashboard-0123';
const ADMIN_TOKEN = 'admin-token-for-the-dashboard-0123';
const bearer = { Authorization: `Bearer ${API_TOKEN}` };

/** Enough history that a rebuild of TransactionHistory runs long enough for its progress to show. */
const BULK_ACCOUNTS = 60;
const EVENTS_PER_ACCOUNT = 1000;

async function seedHistory(t: TestApp): Promise<void> {
  const at = Date.UTC(2026, 0, 2);
  const requests = Array.from({ length: BULK_ACCOUNTS }, (_, account) => ({
    streamId: `bulk-${account}`,
    streamType: 'BankAccount',
    expectedVersion: 0,
    events: Array.from(
      { length: EVENTS_PER_ACCOUNT },
      (_, index): NewEvent => ({
        id: newEventId(),
        eventType: index === 0 ? 'AccountOpened' : 'MoneyDeposited',
        data: index === 0 ? { initialBalance: 0 } : { amount: 1 },
        schemaVersion: 1,
        timestamp: at + index,
      }),
    ),
  }));
  const outcomes = await t.store.appendInOrder(requests);
  expect(outcomes.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
}

describeInBrowser('the dashboard in a real browser', () => {
  const session = browserSession({ apiToken: API_TOKEN, adminToken: ADMIN_TOKEN }, async (t) => {
    await seedHistory(t);
    await request(t.server).post('/commands/open-account').set(bearer).send({ accountId: 'dash-1', initialBalance: 100 }).expect(201);
    const head = await t.store.headPosition();
    await request(t.server).get(`/projections/TransactionHistory?minPosition=${head}&limit=1`).set(bearer).expect(200);
  });
  let t: TestApp;
  let page: Page;
  let pageErrors: string[];
  let url: string;

  beforeAll(async () => {
    ({ t, url } = session);
    // What a browser sends once it asked for the credentials: any user name, the token as the password.
    const context = await session.browser.newContext({ httpCredentials: { username: 'ops', password: API_TOKEN }, viewport: { width: 1400, height: 1100 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    pageErrors = pageErrorsOf(page);
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  it('is behind API_TOKEN: without credentials 401, with them the page and its files', async () => {
    const anonymous = await fetch(`${url}/dashboard`, { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/Basic realm=/);
    expect((await request(t.server).get('/dashboard/main.js').set(bearer)).status).toBe(200);

    const opened = await page.goto(`${url}/dashboard`);
    expect(opened?.status()).toBe(200);
    await page.locator('#connection', { hasText: 'live' }).waitFor();
    await page.locator('#total-events', { hasText: String(BULK_ACCOUNTS * EVENTS_PER_ACCOUNT + 1) }).waitFor();
    await page.locator('#projection-rows tr[data-projection="AccountBalances"]').waitFor();
  });

  it('shows a deposit made through the API in the live log, and in the account view', async () => {
    await page.fill('#account-id', 'dash-1');
    await page.click('#account-form button[type="submit"]');
    await page.locator('#account-balance', { hasText: '100.00' }).waitFor();

    const deposit = await request(t.server).post('/commands/deposit').set(bearer).send({ accountId: 'dash-1', amount: 25.5 }).expect(200);
    const row = page.locator(`#log-rows tr[data-event-id="${deposit.body.eventId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('MoneyDeposited');
    expect(await row.innerText()).toContain('BankAccount:dash-1');
    await page.locator('#account-balance', { hasText: '125.50' }).waitFor();
    await page.locator('#account-version', { hasText: '2' }).waitFor();

    await page.selectOption('#log-type', 'AccountOpened');
    expect(await row.isHidden()).toBe(true);
    await page.selectOption('#log-type', '');
    expect(await row.isVisible()).toBe(true);
  });

  it('shows the older balance when the time-travel slider goes back a version', async () => {
    await page.locator('#travel-state', { hasText: 'At version 2: balance 125.50' }).waitFor();
    await page.locator('#travel').fill('1');
    await page.locator('#travel-state', { hasText: 'At version 1: balance 100.00' }).waitFor();
    expect(await page.locator('#travel-version').innerText()).toBe('1');
  });

  it('rebuilds a projection from its button with the admin token, showing its progress until it completes', async () => {
    await page.fill('#admin-token', ADMIN_TOKEN);
    await page.locator('#admin-token').dispatchEvent('change');
    const row = page.locator('#projection-rows tr[data-projection="TransactionHistory"]');
    await row.getByRole('button', { name: 'Rebuild' }).click();
    await row.locator('progress').waitFor();
    // A status read while it runs: how far the fresh copy has got.
    await row.locator('progress[value]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-rebuilding.png'), fullPage: true });
    await row.locator('.rebuild-outcome', { hasText: `rebuilt: ${BULK_ACCOUNTS * EVENTS_PER_ACCOUNT + 2} events` }).waitFor({ timeout: 60_000 });
    await row.locator('.badge', { hasText: 'running' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
