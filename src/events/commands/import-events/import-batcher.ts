import type { ExportedEvent } from './exported-event.js';

/** One append of an import: consecutive events of one stream in the file. */
export type ImportRun = ExportedEvent[];

export interface ImportBatchLimits {
  /** Most events of one run; a longer run of one stream's events is appended in parts. */
  runEvents: number;
  /** Most events of one batch (one `appendInOrder`: one transaction on an embedded store). */
  batchEvents: number;
  /** Most characters of the file's lines in one batch: what the import holds in memory at once. */
  batchChars: number;
}

/**
 * Groups the events of an import, in the order of the file, into runs (consecutive events of one
 * stream, one append each) and the runs into batches (one `appendInOrder` each), so the file's order
 * holds across streams while a batch shares one commit.
 *
 * A batch holds at most one run of a stream: a run refused by the store (its stream changed meanwhile,
 * or an event id already stored) must stop every later run of its stream, and a later run in the same
 * batch would already have been attempted.
 */
export class ImportBatcher {
  private batch: ImportRun[] = [];
  private batchStreams = new Set<string>();
  private batchEvents = 0;
  private batchChars = 0;
  private run: ImportRun = [];
  private runChars = 0;

  constructor(private readonly limits: ImportBatchLimits) {}

  /** Takes the file's next event (`chars`: the length of its line); returns the batch it completed, if any. */
  add(event: ExportedEvent, chars: number): ImportRun[] | null {
    const endsRun =
      this.run.length > 0 &&
      (this.run[0].streamId !== event.streamId || this.run.length === this.limits.runEvents || this.runChars + chars > this.limits.batchChars);
    const completed = endsRun ? this.closeRun() : null;
    this.run.push(event);
    this.runChars += chars;
    return completed;
  }

  /** The batches left once the file has ended, in order. */
  finish(): ImportRun[][] {
    const completed = this.run.length > 0 ? this.closeRun() : null;
    const last = this.batch.length > 0 ? this.takeBatch() : null;
    return [completed, last].filter((batch): batch is ImportRun[] => batch !== null);
  }

  /** Moves the current run into the batch; returns the batch it completed first, if it did not fit. */
  private closeRun(): ImportRun[] | null {
    const fits =
      !this.batchStreams.has(this.run[0].streamId) &&
      this.batchEvents + this.run.length <= this.limits.batchEvents &&
      this.batchChars + this.runChars <= this.limits.batchChars;
    const completed = fits || this.batch.length === 0 ? null : this.takeBatch();
    this.batch.push(this.run);
    this.batchStreams.add(this.run[0].streamId);
    this.batchEvents += this.run.length;
    this.batchChars += this.runChars;
    this.run = [];
    this.runChars = 0;
    return completed;
  }

  private takeBatch(): ImportRun[] {
    const batch = this.batch;
    this.batch = [];
    this.batchStreams = new Set();
    this.batchEvents = 0;
    this.batchChars = 0;
    return batch;
  }
}
