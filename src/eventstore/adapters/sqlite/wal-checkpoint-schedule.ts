import { Logger } from '@nestjs/common';
import type { WalCheckpointer } from './wal-checkpointer.js';

/**
 * Pages of log (16 MB) past which commits wait for the next checkpoint. Below it they never wait: a
 * checkpoint that a commit overtakes copies what it can, and the log starts over once one finishes
 * between two commits. Under writes without pause that may not happen; the wait makes it happen.
 */
const LOG_PAGES_BEFORE_COMMITS_WAIT = 4096;

/**
 * When the store's write-ahead log is checkpointed by its {@link WalCheckpointer}: after a commit, at
 * most one at a time and at most one per `intervalMs`. The store asks {@link commitsWaitFor} before
 * it commits. If the checkpointer fails, the schedule stops and `resumeSqliteCheckpoints` is called,
 * so that SQLite checkpoints in the commits again.
 */
export class WalCheckpointSchedule {
  private readonly logger = new Logger('SqliteEventStore');
  /** The checkpoint in progress, if any (it never rejects). */
  private running: Promise<void> | null = null;
  /** Whether commits wait for the running checkpoint (the log had grown large). */
  private holdingCommits = false;
  /** Pages in the log when the last checkpoint ran (0 once one copied it all with commits held). */
  private logPages = 0;
  private lastStartedAt = 0;

  constructor(
    private checkpointer: WalCheckpointer | null,
    private readonly intervalMs: number,
    private readonly resumeSqliteCheckpoints: () => void,
  ) {}

  /** What a commit must wait for first: the running checkpoint when it holds commits, else null. */
  get commitsWaitFor(): Promise<void> | null {
    return this.holdingCommits ? this.running : null;
  }

  /** When the running checkpoint that holds commits started (ms since the epoch), or null. */
  get commitsHeldSince(): number | null {
    return this.holdingCommits ? this.lastStartedAt : null;
  }

  /** When the running checkpoint started (ms since the epoch), whether or not it holds commits; null when none runs. */
  get runningSince(): number | null {
    return this.running ? this.lastStartedAt : null;
  }

  /** After a commit: starts a checkpoint, unless one is running or the last one began too recently. */
  afterCommit(): void {
    const checkpointer = this.checkpointer;
    if (!checkpointer || this.running || Date.now() - this.lastStartedAt < this.intervalMs) return;
    this.lastStartedAt = Date.now();
    const holdsCommits = this.logPages >= LOG_PAGES_BEFORE_COMMITS_WAIT;
    this.holdingCommits = holdsCommits;
    this.running = checkpointer
      .checkpoint()
      .then(
        (result) => {
          // With commits held, a complete checkpoint lets the next commit start the log over.
          this.logPages = holdsCommits && result.checkpointed === result.log ? 0 : result.log;
        },
        (error: unknown) => this.failed(checkpointer, error),
      )
      .finally(() => {
        this.running = null;
        this.holdingCommits = false;
      });
  }

  /** Waits for a running checkpoint, then stops the checkpointer. */
  async close(): Promise<void> {
    await this.running;
    const checkpointer = this.checkpointer;
    this.checkpointer = null;
    await checkpointer?.close().catch(() => undefined);
  }

  private failed(checkpointer: WalCheckpointer, error: unknown): void {
    if (this.checkpointer !== checkpointer) return;
    this.checkpointer = null;
    this.logger.warn(`WAL checkpoints move back into the commits: ${error instanceof Error ? error.message : String(error)}`);
    this.resumeSqliteCheckpoints();
    void checkpointer.close().catch(() => undefined);
  }
}
