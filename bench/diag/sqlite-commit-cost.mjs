// Diagnostic, not part of `npm run bench`: the time of one small write transaction in better-sqlite3 (WAL)
// with synchronous = FULL vs NORMAL on this machine's disk. better-sqlite3 is synchronous, so a FULL
// commit blocks the event loop for its fsync; the service therefore commits with NORMAL and flushes the
// write-ahead log on the thread pool before acknowledging (src/eventstore/adapters/sqlite/wal-sync.ts).
// Usage: node bench/diag/sqlite-commit-cost.mjs [transactions=2000]
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const Database = createRequire(import.meta.url)('better-sqlite3');
const count = Number(process.argv[2] ?? 2000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'sqlite-commit-'));
try {
  for (const mode of ['FULL', 'NORMAL', 'FULL', 'NORMAL']) {
    const db = new Database(path.join(dir, `${mode}-${Math.random()}.sqlite`));
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${mode}`);
    db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT, version INTEGER, data TEXT, UNIQUE (stream_id, version))');
    const insert = db.prepare('INSERT INTO events (stream_id, version, data) VALUES (?, ?, ?)');
    const tx = db.transaction((i) => insert.run(`acc-${i % 100}`, Math.floor(i / 100) + 1, JSON.stringify({ amount: 100, i })));
    const times = [];
    for (let i = 0; i < count; i++) {
      const start = process.hrtime.bigint();
      tx.immediate(i);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    db.close();
    times.sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const at = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
    console.log(`synchronous=${mode.padEnd(6)} ${count} transactions: mean ${mean.toFixed(3)} ms, p50 ${at(50).toFixed(3)} ms, p99 ${at(99).toFixed(3)} ms, ~${Math.round(1000 / mean)} commits/s`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
