import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/create-test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

/** CI installs Debian's chromium (.ci/run) and must run this; elsewhere it may be missing. */
const canRun = existsSync(CHROMIUM) || process.env.CI !== undefined;
if (!canRun) console.warn(`Swagger UI browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

/** The expandable block of one operation, found by method and path as Swagger UI shows them. */
function operation(page: Page, method: string, path: string): Locator {
  return page.locator(`.opblock-${method.toLowerCase()}`).filter({
    has: page.locator(`.opblock-summary-path[data-path="${path}"]`),
  });
}

/** Expands an operation and switches it to "Try it out". */
async function tryItOut(block: Locator): Promise<void> {
  await block.locator('.opblock-summary-control').click();
  await block.getByRole('button', { name: 'Try it out' }).click();
}

/** Clicks Execute and returns the live response's status cell and body, once the response is in the page. */
async function execute(block: Locator): Promise<{ status: string; body: string }> {
  await block.getByRole('button', { name: 'Execute' }).click();
  const response = block.locator('.live-responses-table .response');
  await response.locator('.response-col_status').waitFor();
  const status = (await response.locator('.response-col_status').innerText()).trim();
  const body = await response.locator('.response-col_description pre').first().innerText();
  return { status, body };
}

(canRun ? describe : describe.skip)('Swagger UI in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('opens an account and reads it back through /docs with Try it out and Execute', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    // Script errors and console errors (a content security policy violation is one) fail the test.
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    mkdirSync(ARTIFACTS, { recursive: true });
    const accountId = `ui-${Date.now()}`;

    await page.goto(`${baseUrl}/docs`);
    const openAccount = operation(page, 'POST', '/commands/open-account');
    await tryItOut(openAccount);
    await openAccount.locator('textarea.body-param__text').fill(JSON.stringify({ accountId, initialBalance: 1000 }, null, 2));
    const opened = await execute(openAccount);
    expect(opened.status).toBe('201');
    expect(JSON.parse(opened.body)).toMatchObject({ accountId, version: 1, balance: 1000 });
    await openAccount.locator('.live-responses-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'swagger-ui-open-account.png') });

    const getAccount = operation(page, 'GET', '/queries/account/{accountId}');
    await tryItOut(getAccount);
    await getAccount.locator('tr[data-param-name="accountId"] input').fill(accountId);
    const read = await execute(getAccount);
    expect(read.status).toBe('200');
    expect(JSON.parse(read.body)).toMatchObject({ id: accountId, version: 1, balance: 1000, isActive: true });

    await getAccount.locator('.live-responses-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'swagger-ui.png') });
    expect(pageErrors).toEqual([]);
  });
});
