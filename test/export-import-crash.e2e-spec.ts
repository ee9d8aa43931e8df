import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEventId } from '../src/eventstore/event-id.js';
import { startChildServer } from './support/child-server.js';
import { waitUntil } from './support/wait-until.js';

const ADMIN_TOKEN = 'admin-token-for-crash-tests-0123';
const T0 = Date.UTC(2026, 1, 1);
const EVENTS = 40_000;
const STREAMS = 400;

/** An export of EVENTS events over STREAMS accounts, interleaved, as NDJSON lines (in file order). */
function exportLines(): string[] {
  const versions = new Array<number>(STREAMS).fill(0);
  return Array.from({ length: EVENTS }, (_, index) => {
    const stream = index % STREAMS;
    const version = ++versions[stream];
    return JSON.stringify({
      id: newEventId(),
      position: index + 1,
      aggregateId: `imp-${stream}`,
      aggregateType: 'BankAccount',
      eventType: version === 1 ? 'AccountOpened' : 'MoneyDeposited',
      data: version === 1 ? { initialBalance: 0 } : { amount: 1 },
      metadata: { timestamp: T0 + index, version, schemaVersion: 1 },
    });
  });
}

/** The ids of the stored events in position order, read from the file by another connection. */
function storedIds(path: string): string[] {
  const reader = new Database(path, { readonly: true });
  try {
    return reader.prepare<[], string>('SELECT id FROM events ORDER BY position').pluck().all();
  } finally {
    reader.close();
  }
}

function storedCount(path: string): number {
  const reader = new Database(path, { readonly: true });
  try {
    return reader.prepare<[], number>('SELECT count(*) FROM events').pluck().get() as number;
  } finally {
    reader.close();
  }
}

function importing(url: string, body: string): Promise<Response> {
  return fetch(`${url}/events/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/x-ndjson' },
    body,
  });
}

describe('import across a crash', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'bank-import-crash-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('given a process killed (SIGKILL) in the middle of an import, when the same file is imported again, then the log holds every event once, in file order', async () => {
    // given
    const sqlitePath = join(folder, 'event-store.sqlite');
    const env = { SQLITE_PATH: sqlitePath, ADMIN_TOKEN, LOG_LEVEL: 'warn' };
    const lines = exportLines();
    const body = `${lines.join('\n')}\n`;
    const first = await startChildServer(env);
    const interrupted = importing(first.url, body).catch(() => null);
    await waitUntil(() => storedCount(sqlitePath) > 0, 30_000, 'the first imported events');
    await first.kill();
    expect(await interrupted).toBeNull();
    const left = storedCount(sqlitePath);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(EVENTS);

    // when
    const second = await startChildServer(env);
    try {
      const response = await importing(second.url, body);

      // then
      expect(response.status).toBe(200);
      const report = (await response.json()) as Record<string, unknown>;
      expect(report).toEqual({ importedEvents: EVENTS - left, importedStreams: expect.any(Number), alreadyStoredEvents: left, conflictCount: 0, conflicts: [] });
    } finally {
      await second.stop();
    }
    expect(storedIds(sqlitePath)).toEqual(lines.map((line) => (JSON.parse(line) as { id: string }).id));
  });
});
