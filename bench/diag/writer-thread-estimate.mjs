// Diagnostic, not part of `npm run bench`: would a writer thread (the SQLite appends done on a worker thread,
// the event loop only sending requests and receiving results) give the event loop time back?
// It measures, on the main thread alone (CPU time from /proc, so other threads do not count):
//   1. the built SQLite store's cost per append, with 10 writers appending back to back as the 10
//      connections of the bench do (durable appends by default, `normal` with WRITER_SYNCHRONOUS=normal);
//   2. what sending the same append requests to a worker thread and receiving a result per append costs,
//      grouped as the store groups them, with a worker that does no work at all: the least a writer thread
//      would cost the event loop per append.
// Usage (after `npm run build`): node bench/diag/writer-thread-estimate.mjs   (env: WRITER_APPENDS=20000)
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { SqliteEventStore } from '../../dist/eventstore/adapters/sqlite/sqlite-event-store.js';
import { mainThreadCpuSeconds } from './process-cpu.mjs';

const APPENDS = Number(process.env.WRITER_APPENDS ?? 20_000);
const WRITERS = 10;
const STREAMS = 100;

/** CPU microseconds of this process's main thread so far. */
const mainThreadCpu = () => mainThreadCpuSeconds(process.pid) * 1e6;

const versions = new Array(STREAMS).fill(0);
let next = 0;
/** A deposit to the next stream in turn, at the version the stream has reached. */
function depositRequest() {
  const stream = next++ % STREAMS;
  const accountId = `acc-${stream}`;
  return {
    streamId: accountId,
    streamType: 'BankAccount',
    expectedVersion: versions[stream]++,
    events: [
      {
        id: randomUUID(),
        eventType: 'MoneyDeposited',
        data: { accountId, amount: 100, balanceAfter: 1000 },
        schemaVersion: 1,
        timestamp: Date.now(),
        correlationId: randomUUID(),
        causationId: randomUUID(),
      },
    ],
  };
}

/** Main-thread µs per append of `append`, driven by 10 writers back to back, after a warm-up. */
async function perAppend(append) {
  const writers = (count) => Promise.all(Array.from({ length: WRITERS }, async () => {
    for (let index = 0; index < count / WRITERS; index++) await append(depositRequest());
  }));
  await writers(APPENDS / 10);
  const before = mainThreadCpu();
  await writers(APPENDS);
  return (mainThreadCpu() - before) / APPENDS;
}

/** The requests of one turn of the event loop go to the worker as one message; it answers each at once. */
function echoWorker() {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     parentPort.on('message', (group) => parentPort.postMessage(group.map((request) => ({
       version: request.expectedVersion + request.events.length,
       position: 1,
       events: request.events.map((event) => ({ ...event, position: 1 })),
     }))));`,
    { eval: true },
  );
  const waiting = [];
  let group = [];
  worker.on('message', (results) => results.forEach((result) => waiting.shift()(result)));
  const append = (request) =>
    new Promise((resolve) => {
      waiting.push(resolve);
      group.push(request);
      if (group.length === 1) {
        setImmediate(() => {
          worker.postMessage(group);
          group = [];
        });
      }
    });
  return { append, close: () => worker.terminate() };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'writer-thread-'));
try {
  const synchronous = process.env.WRITER_SYNCHRONOUS ?? 'full';
  const store = new SqliteEventStore({ path: path.join(dir, 'events.sqlite'), synchronous });
  const inStore = await perAppend((request) => store.append(request));
  await store.close();
  const echo = echoWorker();
  const messaging = await perAppend(echo.append);
  await echo.close();
  console.log(`SQLite store (${synchronous}), appends on the event loop: ${inStore.toFixed(1)} µs of main-thread CPU per append`);
  console.log(`to a worker thread that does nothing and back:         ${messaging.toFixed(1)} µs of main-thread CPU per append`);
  console.log(`at most saved by a writer thread:                       ${(inStore - messaging).toFixed(1)} µs per append`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
