import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What one checkpoint did: frames in the write-ahead log, and how many of them are now in the database file. */
export interface CheckpointResult {
  log: number;
  checkpointed: number;
}

/** Copies the write-ahead log into the database file, off the event loop. */
export interface WalCheckpointer {
  /** One PASSIVE checkpoint: never waits for a lock and never blocks the writer. */
  checkpoint(): Promise<CheckpointResult>;
  close(): Promise<void>;
}

/**
 * The worker's code (CommonJS, evaluated: the same text runs from `src/` under the tests and from `dist/`).
 * Its connection keeps SQLite's default `synchronous = FULL`, so a checkpoint syncs the log before it
 * copies frames and the database file after, before the log may be started over.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
});
`;

/**
 * A checkpointer on a worker thread with a connection of its own to the database at `path`. Copying
 * the log into the database file, and the two fsyncs around it, then cost the event loop nothing; left
 * to SQLite, the commit that crosses 1,000 pages of log runs them (about 40% of an append's cost).
 * One checkpoint at a time: the store asks for the next once the last has answered.
 */
export function startWalCheckpointer(path: string): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path } });
  // A store that is never closed must not keep the process alive.
  worker.unref();
  let waiting: { resolve: (result: CheckpointResult) => void; reject: (error: Error) => void } | null = null;
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    waiting?.reject(error);
    waiting = null;
  };
  worker.on('message', (message: CheckpointResult | { error: string }) => {
    const settle = waiting;
    waiting = null;
    if ('error' in message) settle?.reject(new Error(`WAL checkpoint failed: ${message.error}`));
    else settle?.resolve(message);
  });
  worker.on('error', (error) => fail(error));
  worker.on('exit', (code) => fail(new Error(`WAL checkpointer exited with code ${code}`)));
  return {
    checkpoint: () =>
      new Promise<CheckpointResult>((resolve, reject) => {
        if (failure) return reject(failure);
        if (waiting) return reject(new Error('a WAL checkpoint is already running'));
        waiting = { resolve, reject };
        worker.postMessage('checkpoint');
      }),
    close: async () => {
      if (failure) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('close');
      await exited;
    },
  };
}
