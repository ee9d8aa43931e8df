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

/** The worker's code, next to this file in `src/` (the tests) and in `dist/`. */
const WORKER_FILE = new URL('./wal-checkpoint.worker.cjs', import.meta.url);

/**
 * A checkpointer on a worker thread with a connection of its own to the database at `path`. Copying
 * the log into the database file, and the two fsyncs around it, then cost the event loop nothing; left
 * to SQLite, the commit that crosses 1,000 pages of log runs them (about 40% of an append's cost).
 * One checkpoint at a time: the store asks for the next once the last has answered.
 */
export function startWalCheckpointer(path: string): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_FILE, { workerData: { driver, path } });
  // Idle, the worker does not keep the process alive (a store may never be closed); while it works
  // for someone who waits, it does.
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
    worker.unref();
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
        worker.ref();
        worker.postMessage('checkpoint');
      }),
    close: async () => {
      if (failure) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}
