// Diagnostic, not part of `npm run bench`: how fast `POST /events/import` appends an export.
// Writes an export of IMPORT_EVENTS events (default 20,000) over IMPORT_STREAMS accounts (default 1,000),
// interleaved as a busy service's log is (each account's events spread through the file, runs of one
// event), then imports it into each build given, one after the other on a fresh SQLite file, and prints
// events per second. Give two builds to compare them in the same minutes. IMPORT_TRANSFERS=1 makes every
// event after an account's opening a leg of a transfer (a withdrawal to the next account, or a deposit
// from the previous one), whose key the import records before appending.
// Usage: npm run build && node bench/diag/import-rate.mjs [<main.js> ...]   (default dist/main.js)
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const EVENTS = Number(process.env.IMPORT_EVENTS ?? 20_000);
const STREAMS = Number(process.env.IMPORT_STREAMS ?? 1_000);
const TRANSFERS = process.env.IMPORT_TRANSFERS === '1';
const ADMIN_TOKEN = 'import-rate-admin';
const mains = process.argv.length > 2 ? process.argv.slice(2) : [path.join(ROOT, 'dist', 'main.js')];

function exportFile(folder) {
  const versions = new Array(STREAMS).fill(0);
  const lines = [];
  for (let index = 0; index < EVENTS; index++) {
    const stream = index % STREAMS;
    const version = ++versions[stream];
    lines.push(
      JSON.stringify({
        id: randomUUID(),
        position: index + 1,
        aggregateId: `acc-${stream + 1}`,
        aggregateType: 'BankAccount',
        eventType: version === 1 ? 'AccountOpened' : TRANSFERS && version % 2 === 0 ? 'MoneyWithdrawn' : 'MoneyDeposited',
        data: version === 1 ? { initialBalance: 1_000_000 } : TRANSFERS ? transferLeg(stream, version) : { amount: 1 },
        metadata: { timestamp: 1_700_000_000_000 + index, version, schemaVersion: 1 },
      }),
    );
  }
  const file = path.join(folder, 'export.ndjson');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** The data of a transfer leg: even versions withdraw to the next account, odd ones deposit from the previous. */
function transferLeg(stream, version) {
  if (version % 2 === 0) return { amount: 1, transferId: `t-${stream}-${version}`, toAccountId: `acc-${((stream + 1) % STREAMS) + 1}` };
  const from = (stream + STREAMS - 1) % STREAMS;
  return { amount: 1, transferId: `t-${from}-${version - 1}`, fromAccountId: `acc-${from + 1}` };
}

async function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function importInto(main, file) {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'import-rate-'));
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ADMIN_TOKEN, SQLITE_PATH: path.join(folder, 'store.sqlite') },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let waited = 0; !(await fetch(`${url}/health`).then((r) => r.ok, () => false)); waited += 50) {
      if (waited > 30_000) throw new Error(`${main} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const started = performance.now();
    const response = await fetch(`${url}/events/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/x-ndjson' },
      body: readFileSync(file),
    });
    const seconds = (performance.now() - started) / 1000;
    const report = await response.json();
    if (response.status !== 200 || report.importedEvents !== EVENTS) throw new Error(`${main}: ${response.status} ${JSON.stringify(report)}`);
    return seconds;
  } finally {
    child.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  }
}

const folder = mkdtempSync(path.join(os.tmpdir(), 'import-export-'));
try {
  const file = exportFile(folder);
  console.log(`${EVENTS} events over ${STREAMS} streams, interleaved${TRANSFERS ? ', transfer legs' : ''}`);
  for (const main of mains) {
    const seconds = await importInto(main, file);
    console.log(`${path.relative(ROOT, main) || main}: ${seconds.toFixed(2)} s, ${Math.round(EVENTS / seconds)} events/s`);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
