import { closeSync, fdatasync, openSync } from 'node:fs';

/** Flushes a file to disk; resolves once the data written before the call is durable. */
export type FlushToDisk = () => Promise<void>;

/**
 * Group commit for SQLite's write-ahead log, with the fsync off the event loop.
 *
 * The connection commits with `synchronous = NORMAL`: a COMMIT writes its WAL frames to the operating
 * system and returns without waiting for the disk. Before a writer is told its commit succeeded, it
 * waits for `durable()`, which resolves once an `fdatasync` of the WAL file that began after the commit
 * has finished. That is the guarantee `synchronous = FULL` gives (the commit frame is on disk before the
 * commit is acknowledged), but the flush runs on libuv's thread pool instead of blocking the event
 * loop, and every commit made while one flush is running shares the next one.
 *
 * SQLite's own ordering still holds under NORMAL: the WAL is synced before each checkpoint copies it
 * into the database file, the database file after it, and the WAL header whenever the log restarts. A
 * WAL flush is a prefix: a commit that depends on an earlier one (a later append to the same stream)
 * is never durable without it.
 *
 * A failed flush is final: after a failed fsync the kernel may have dropped the pages it could not
 * write and marked them clean, so a later flush that succeeds proves nothing. Every later `durable()`
 * is refused with the first failure, and the store stops taking writes until it is restarted (SQLite
 * then recovers from what the log on disk holds).
 */
export class WalSync {
  /** The flush in progress, if any. */
  private running: Promise<void> | null = null;
  /** When the flush in progress started (ms since the epoch). */
  private runningStartedAt = 0;
  /** The flush that starts when the running one ends; shared by every commit made meanwhile. */
  private queued: Promise<void> | null = null;
  private failure: { error: unknown } | null = null;

  constructor(private readonly flush: FlushToDisk) {}

  /** A WalSync that fdatasyncs the given file (SQLite's `<database>-wal`), opened once and kept open. */
  static forFile(path: string): { sync: WalSync; close: () => void } {
    const fd = openSync(path, 'r');
    const flush = () =>
      new Promise<void>((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
    return { sync: new WalSync(flush), close: () => closeSync(fd) };
  }

  /** The flush in progress, if any; it settles (either way) when that flush ends. */
  get flushing(): Promise<void> | null {
    return this.running;
  }

  /**
   * The flush that every `durable()` asked for so far ends with: the queued one, else the running one.
   * Null when neither exists: then everything committed before the last `durable()` is on disk.
   */
  get pending(): Promise<void> | null {
    return this.queued ?? this.running;
  }

  /** When the flush in progress started (ms since the epoch), or null when none runs. */
  get runningSince(): number | null {
    return this.running ? this.runningStartedAt : null;
  }

  /** The error of the flush that failed, if one did: nothing written since can be trusted to be on disk. */
  get failed(): { error: unknown } | null {
    return this.failure;
  }

  /** Resolves once everything committed before this call is on disk; rejects if a flush failed. */
  durable(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.queued) return this.queued;
    if (this.running) {
      const after = this.running.then(
        () => this.start(),
        () => this.start(),
      );
      this.queued = after;
      return after;
    }
    return this.start();
  }

  /** Resolves once no flush is running or queued (errors are the callers' of `durable`). */
  async idle(): Promise<void> {
    for (let pending = this.pending; pending; pending = this.pending) await pending.catch(() => undefined);
  }

  private start(): Promise<void> {
    this.queued = null;
    if (this.failure) return Promise.reject(this.failure.error);
    const flush = this.flush()
      .catch((error: unknown) => {
        this.failure ??= { error };
        throw error;
      })
      .finally(() => {
        if (this.running === flush) this.running = null;
      });
    this.running = flush;
    this.runningStartedAt = Date.now();
    return flush;
  }
}
