import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventstore/adapters/sqlite/sqlite-event-store.js';
import { describeOrderHost } from './order-host.scenarios.js';

describe('a host application embedding the packed toolkit, on SQLite', () => {
  const folder = mkdtempSync(join(tmpdir(), 'order-host-sqlite-'));
  const path = join(folder, 'orders.sqlite');
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  describeOrderHost(() => ({
    driver: 'sqlite',
    env: { ORDERS_STORE: 'sqlite', ORDERS_SQLITE_PATH: path },
    open: async () => new SqliteEventStore({ path }),
  }), { shared: false });
});
