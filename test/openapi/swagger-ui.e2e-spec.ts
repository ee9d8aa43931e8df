import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS, browserSession, describeInBrowser, pageErrorsOf } from '../support/browser.js';

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

describeInBrowser('Swagger UI in a real browser', () => {
  const session = browserSession();

  it('opens an account and reads it back through /docs with Try it out and Execute', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    // Script errors and console errors (a content security policy violation is one) fail the test.
    const pageErrors = pageErrorsOf(page);
    mkdirSync(ARTIFACTS, { recursive: true });
    const accountId = `ui-${Date.now()}`;

    await page.goto(`${session.url}/docs`);
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

describeInBrowser('Swagger UI in a real browser, with API_TOKEN', () => {
  const API_TOKEN = 'api-token-for-swagger-ui-0123456789';
  const session = browserSession({ apiToken: API_TOKEN });

  it('opens /docs once the browser gives the token (as its password), and "Authorize" sends it with Try it out', async () => {
    // Without credentials a browser is challenged for them (a headless one cannot answer).
    expect((await fetch(`${session.url}/docs`, { headers: { accept: 'text/html' } })).headers.get('www-authenticate')).toMatch(/Basic realm=/);

    const context = await session.browser.newContext({ httpCredentials: { username: 'reader', password: API_TOKEN }, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const pageErrors = pageErrorsOf(page);
    expect((await page.goto(`${session.url}/docs`))?.status()).toBe(200);
    await page.getByRole('button', { name: 'Authorize' }).first().click();
    const dialog = page.locator('.modal-ux');
    await dialog.locator('input').first().fill(API_TOKEN);
    await dialog.locator('button.authorize').first().click();
    await dialog.locator('button.btn-done').first().click();

    const stats = operation(page, 'GET', '/stats');
    await tryItOut(stats);
    const read = await execute(stats);
    expect(read.status).toBe('200');
    expect(JSON.parse(read.body)).toMatchObject({ totalEvents: expect.any(Number) });
    expect(await stats.locator('.curl-command').innerText()).toContain(`Authorization: Bearer ${API_TOKEN}`);
    expect(pageErrors).toEqual([]);
  });
});
