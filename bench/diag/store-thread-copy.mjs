// Diagnostic, not part of `npm run bench`: makes a copy of the build whose SQLite store runs on a worker
// thread of its own, to measure side by side with ab-deposits.mjs whether moving the store off the event
// loop pays. Every call of the event-store port goes to the thread, where the real SqliteEventStore runs
// it; the calls of one turn of the event loop travel as one message, and so do the thread's answers.
// The projections stay on the event loop and reach the store through the same messages.
// Not a candidate as it stands: an idempotency record's body is computed before the append (its position
// is 0), and errors cross the thread as plain fields.
// Usage (after `npm run build`): node bench/diag/store-thread-copy.mjs <folder>, then
//   node bench/diag/ab-deposits.mjs dist/main.js <folder>/dist/main.js
//   (AB_ENV_B='{"STORE_THREAD_SYNC_FLUSH":"1"}': the thread flushes the write-ahead log with a blocking
//   fdatasync of its own instead of one on libuv's thread pool)
import { cpSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = process.argv[2];
if (!OUT) throw new Error('usage: node bench/diag/store-thread-copy.mjs <folder>');
if (existsSync(OUT)) throw new Error(`${OUT} exists`);

cpSync(path.join(ROOT, 'dist'), path.join(OUT, 'dist'), { recursive: true });
cpSync(path.join(ROOT, 'package.json'), path.join(OUT, 'package.json'));
symlinkSync(path.join(ROOT, 'node_modules'), path.join(OUT, 'node_modules'));
const sqliteDir = path.join(OUT, 'dist', 'eventstore', 'adapters', 'sqlite');

writeFileSync(
  path.join(sqliteDir, 'sqlite-store.thread.js'),
  `import { fdatasyncSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from './sqlite-event-store.js';

const syncFlush = (walPath) => {
  const fd = openSync(walPath, 'r');
  return () => (fdatasyncSync(fd), Promise.resolve());
};
const store = new SqliteEventStore({ ...workerData, flushWal: process.env.STORE_THREAD_SYNC_FLUSH ? syncFlush : undefined });
let outbox = [];
function reply(message) {
  outbox.push(message);
  if (outbox.length === 1) queueMicrotask(() => { const batch = outbox; outbox = []; parentPort.postMessage(batch); });
}
store.onAppended((position) => reply({ appended: position }));
parentPort.on('message', (batch) => { for (const call of batch) void run(call); });
async function run({ id, method, args }) {
  try {
    if (method === 'append' && args[0].idempotency) {
      const body = args[0].idempotency.body;
      args[0].idempotency.body = () => body;
    }
    reply({ id, value: await store[method](...args) });
  } catch (error) {
    reply({ id, error: { ...error, name: error.name, message: error.message } });
  }
}
`,
);

writeFileSync(
  path.join(sqliteDir, 'threaded-sqlite-event-store.js'),
  `import { Worker } from 'node:worker_threads';
import { AppendListeners } from '../../append-listeners.js';
import * as errors from '../../event-store.errors.js';
import { InProcessLeases } from '../../projection-lease.js';

export class ThreadedSqliteEventStore {
  dialect = 'sqlite';
  #pending = new Map();
  #nextId = 1;
  #outbox = [];
  #appendListeners = new AppendListeners();
  #leases = new InProcessLeases();

  constructor(options) {
    this.worker = new Worker(new URL('./sqlite-store.thread.js', import.meta.url), { workerData: options });
    this.worker.on('message', (batch) => { for (const message of batch) this.#receive(message); });
  }

  #receive(message) {
    if (message.appended !== undefined) return this.#appendListeners.notify(message.appended);
    const call = this.#pending.get(message.id);
    this.#pending.delete(message.id);
    if (!message.error) return call.resolve(message.value);
    const type = errors[message.error.name];
    call.reject(Object.assign(type ? Object.create(type.prototype) : new Error(), message.error));
  }

  #call(method, ...args) {
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      this.#pending.set(id, { resolve, reject });
      this.#outbox.push({ id, method, args });
      if (this.#outbox.length === 1) setImmediate(() => { const batch = this.#outbox; this.#outbox = []; this.worker.postMessage(batch); });
    });
  }

  append(request) {
    if (request.idempotency) {
      const last = request.events[request.events.length - 1];
      const predicted = { version: request.expectedVersion + request.events.length, position: 0, events: [{ id: last.id }] };
      request = { ...request, idempotency: { ...request.idempotency, body: request.idempotency.body(predicted) } };
    }
    return this.#call('append', request);
  }
  readStream(...args) { return this.#call('readStream', ...args); }
  readAll(...args) { return this.#call('readAll', ...args); }
  streamInfo(...args) { return this.#call('streamInfo', ...args); }
  streamVersionAt(...args) { return this.#call('streamVersionAt', ...args); }
  headPosition() { return this.#call('headPosition'); }
  loadSnapshot(...args) { return this.#call('loadSnapshot', ...args); }
  saveSnapshot(...args) { return this.#call('saveSnapshot', ...args); }
  countSnapshots() { return this.#call('countSnapshots'); }
  findIdempotencyRecord(...args) { return this.#call('findIdempotencyRecord', ...args); }
  saveIdempotencyRecord(...args) { return this.#call('saveIdempotencyRecord', ...args); }
  loadCheckpoint(...args) { return this.#call('loadCheckpoint', ...args); }
  commitProjection(...args) { return this.#call('commitProjection', ...args); }
  async tryAcquireLease(name) { return this.#leases.acquire(name); }
  queryReadModel(...args) { return this.#call('queryReadModel', ...args); }
  onAppended(listener) { return this.#appendListeners.add(listener); }
  onForeignAppend() { return () => undefined; }
  ping() { return this.#call('ping'); }
  async close() { await this.#call('close'); await this.worker.terminate(); }
}
`,
);

const factory = path.join(OUT, 'dist', 'eventstore', 'event-store.factory.js');
const source = readFileSync(factory, 'utf8');
const original = "import { SqliteEventStore } from './adapters/sqlite/sqlite-event-store.js';";
if (!source.includes(original)) throw new Error('event-store.factory.js no longer imports SqliteEventStore as expected');
writeFileSync(
  factory,
  source.replace(original, "import { ThreadedSqliteEventStore as SqliteEventStore } from './adapters/sqlite/threaded-sqlite-event-store.js';"),
);
console.log(`${OUT}/dist/main.js: the build with its SQLite store on a worker thread`);
