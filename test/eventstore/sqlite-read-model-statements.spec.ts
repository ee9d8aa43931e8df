import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventstore/adapters/sqlite/sqlite-event-store.js';

/**
 * Read-model SQL names a table generation and the length of an IN list, so a long-running service
 * meets ever new statement texts (every rebuild adds a generation). The prepared statements it keeps
 * for them are bounded.
 */
describe('SQLite prepared read-model statements', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-statements-'));
  const store = new SqliteEventStore({ path: join(dir, 'store.sqlite'), synchronous: 'normal' });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a bounded number of them however many distinct statements run', async () => {
    for (let size = 1; size <= 1000; size++) {
      const params = Array.from({ length: size }, (_, index) => index);
      const [row] = await store.queryReadModel<{ n: number }>(`SELECT ${params.map(() => '?').join(' + ')} AS n`, params);
      expect(row.n).toBe((size * (size - 1)) / 2);
    }

    expect(store['readModelStatements'].size).toBeLessThanOrEqual(256);
    // The ones in use stay prepared and answer correctly.
    expect(await store.queryReadModel('SELECT ? + ? AS n', [2, 3])).toEqual([{ n: 5 }]);
  });
});
