import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { AppConfig } from '../../src/config/app-config.js';
import { createTestApp, type TestApp } from './create-test-app.js';

/** Debian's chromium (`.ci/run` installs it; Playwright's own browser downloads fail here). */
export const CHROMIUM = '/usr/bin/chromium';

/** Where browser tests keep their screenshots (ignored by git). */
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

/** CI installs chromium and must run the browser tests; elsewhere they are skipped, saying why, when it is missing. */
export function describeInBrowser(name: string, body: () => void): void {
  const canRun = existsSync(CHROMIUM) || process.env.CI !== undefined;
  if (!canRun) console.warn(`${name}: skipped, ${CHROMIUM} is missing (apt-get install -y chromium)`);
  (canRun ? describe : describe.skip)(name, body);
}

/** Headless chromium with the flags this machine's closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Collects the page's script errors and console errors (a content security policy violation is one). */
export function pageErrorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/** The service listening on a free port of 127.0.0.1, and a browser to drive it, for one describe block. */
export interface BrowserSession {
  t: TestApp;
  url: string;
  browser: Browser;
}

/**
 * Starts the service (`createTestApp(overrides)`, then `prepare`) and chromium before the block's tests,
 * and stops both after them. The session's fields are set once `beforeAll` ran.
 */
export function browserSession(overrides: Partial<AppConfig> = {}, prepare: (t: TestApp) => Promise<void> = async () => undefined): BrowserSession {
  const session = {} as BrowserSession;
  beforeAll(async () => {
    session.t = await createTestApp(overrides);
    await session.t.app.listen(0, '127.0.0.1');
    session.url = `http://127.0.0.1:${(session.t.server.address() as AddressInfo).port}`;
    await prepare(session.t);
    session.browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.t?.close();
  });
  return session;
}
