import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ValidationFailedError } from '../../../common/errors/validation-failed.error.js';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../../../eventstore/event-store.errors.js';
import { EVENT_STORE, type EventStore } from '../../../eventstore/event-store.port.js';
import { type ExportedEvent, parseExportedEvent } from './exported-event.js';
import { ImportBatcher, type ImportBatchLimits, type ImportRun } from './import-batcher.js';
import { ImportEventsCommand } from './import-events.command.js';
import { IMPORT_PREPARATION, type ImportedEvent, type ImportPreparation } from './import-preparation.js';
import type { ImportConflict, ImportReport } from './import-report.js';
import { LineTooLongError, ndjsonLines } from './ndjson-lines.js';

/** The longest line (one exported event) an import takes. */
const MAX_LINE_BYTES = 1024 * 1024;
/** Runs of at most 500 events; batches of at most 1,000 events and about 4 MB (one transaction on SQLite). */
const BATCH_LIMITS: ImportBatchLimits = { runEvents: 500, batchEvents: 1000, batchChars: 4 * 1024 * 1024 };
/** Event ids of the file checked against the store in one query. */
const IDS_CHECKED_AT_ONCE = 1000;
/** Refused streams listed in the report; the rest are only counted. */
const CONFLICTS_LISTED = 100;

/** What the import knows of one stream of the file: O(streams) memory, never O(events). */
interface StreamOfImport {
  type: string;
  /** The version the stream's next event in the file must have. */
  nextVersion: number;
  imported: boolean;
  refused: boolean;
}

/**
 * Imports an export in two passes over a spool file on disk, so an import of any size holds one batch in
 * memory. The first pass checks every line (shape, and each stream's versions consecutive) while it
 * spools; a bad line refuses the whole import with 400 VALIDATION_FAILED before anything is appended.
 * It also refuses each stream holding an event id the store already has. The second appends each
 * stream's events with their ids, versions, timestamps and schema versions, expecting the stream to
 * stand just before the first one: a stream that already holds those versions is refused at its first
 * append, so nothing of it is appended (the other streams are imported). Only a write to the stream
 * during the import, or an event id repeated within the file, can refuse a stream after some of its
 * events went in; the report says so. Events are appended in the order of the file (consecutive events of one stream in one
 * append, a batch of appends in one `appendInOrder`: one transaction and one flush on SQLite), so they
 * keep their order across streams too, under new positions.
 */
@CommandHandler(ImportEventsCommand)
export class ImportEventsHandler implements ICommandHandler<ImportEventsCommand, ImportReport> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(IMPORT_PREPARATION) private readonly preparation?: ImportPreparation,
  ) {}

  async execute(command: ImportEventsCommand): Promise<ImportReport> {
    const folder = mkdtempSync(join(tmpdir(), 'bank-import-'));
    try {
      const spool = join(folder, 'events.ndjson');
      const report: ImportReport = { importedEvents: 0, importedStreams: 0, conflictCount: 0, conflicts: [] };
      const streams = await this.checkAndSpool(command.source, spool, report);
      await this.preparation?.prepare(spooledEvents(spool));
      await this.append(createReadStream(spool), streams, report);
      return report;
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }

  /**
   * Writes every line to the spool once it passed the checks, and refuses (in `report`) the streams
   * holding an event id the store already has, so that nothing of them is appended.
   * @throws ValidationFailedError for the first bad line.
   */
  private async checkAndSpool(source: AsyncIterable<Buffer | string>, spoolPath: string, report: ImportReport): Promise<Map<string, StreamOfImport>> {
    const streams = new Map<string, StreamOfImport>();
    const store = this.store;
    /** Event id → stream id, of the lines not yet checked against the store. */
    let unchecked = new Map<string, string>();
    async function refuseStoredIds(): Promise<void> {
      const stored = unchecked.size === 0 ? [] : await store.storedEventIds([...unchecked.keys()]);
      for (const id of stored) {
        const streamId = unchecked.get(id) as string;
        const stream = streams.get(streamId) as StreamOfImport;
        if (stream.refused) continue;
        stream.refused = true;
        addConflict(report, { aggregateId: streamId, reason: new DuplicateEventIdError(streamId, id).message });
      }
      unchecked = new Map();
    }
    async function* checkedLines(): AsyncGenerator<string> {
      for await (const line of readLines(source)) {
        const parsed = parseExportedEvent(line.text);
        const problems = 'problems' in parsed ? parsed.problems : continuityProblems(parsed, streams);
        if (problems.length > 0) {
          throw new ValidationFailedError(`Line ${line.number} of the import: ${problems.join('; ')}; nothing was imported`, [
            { field: `line ${line.number}`, problems },
          ]);
        }
        const { event, streamId } = parsed as ExportedEvent;
        unchecked.set(event.id, streamId);
        if (unchecked.size === IDS_CHECKED_AT_ONCE) await refuseStoredIds();
        yield `${line.text}\n`;
      }
      await refuseStoredIds();
    }
    await pipeline(checkedLines, createWriteStream(spoolPath));
    return streams;
  }

  /** Appends the spooled events in file order, a batch of runs (consecutive events of one stream) at a time. */
  private async append(spool: AsyncIterable<Buffer | string>, streams: Map<string, StreamOfImport>, report: ImportReport): Promise<void> {
    const batcher = new ImportBatcher(BATCH_LIMITS);
    for await (const line of readLines(spool)) {
      const completed = batcher.add(parseExportedEvent(line.text) as ExportedEvent, line.text.length);
      if (completed) await this.appendBatch(completed, streams, report);
    }
    for (const batch of batcher.finish()) await this.appendBatch(batch, streams, report);
  }

  /**
   * The runs of streams not refused yet, in one `appendInOrder`; a run the store refuses refuses its
   * stream. @throws a failure of the store that is not a conflict.
   */
  private async appendBatch(batch: ImportRun[], streams: Map<string, StreamOfImport>, report: ImportReport): Promise<void> {
    const runs = batch.filter((run) => !(streams.get(run[0].streamId) as StreamOfImport).refused);
    const outcomes = await this.store.appendInOrder(
      runs.map((run) => ({
        streamId: run[0].streamId,
        streamType: (streams.get(run[0].streamId) as StreamOfImport).type,
        expectedVersion: run[0].version - 1,
        events: run.map((exported) => exported.event),
      })),
    );
    outcomes.forEach((outcome, index) => {
      const run = runs[index];
      const stream = streams.get(run[0].streamId) as StreamOfImport;
      if (outcome.status === 'rejected') {
        const reason = conflictReason(outcome.reason, run[0].version);
        if (reason === null) throw outcome.reason;
        stream.refused = true;
        addConflict(report, { aggregateId: run[0].streamId, reason: stream.imported ? `${reason}; its earlier events were imported` : reason });
        return;
      }
      report.importedEvents += run.length;
      if (!stream.imported) report.importedStreams++;
      stream.imported = true;
    });
  }
}

/** The checked events of the spool file, as the file gives them. */
async function* spooledEvents(spool: string): AsyncGenerator<ImportedEvent> {
  for await (const line of readLines(createReadStream(spool))) yield JSON.parse(line.text) as ImportedEvent;
}

/** The lines of an NDJSON source; a line over the limit refuses the import. */
async function* readLines(source: AsyncIterable<Buffer | string>): AsyncGenerator<{ number: number; text: string }> {
  try {
    yield* ndjsonLines(source, MAX_LINE_BYTES);
  } catch (error) {
    if (!(error instanceof LineTooLongError)) throw error;
    throw new ValidationFailedError(`Line ${error.lineNumber} of the import is longer than ${MAX_LINE_BYTES} bytes; nothing was imported`, [
      { field: `line ${error.lineNumber}`, problems: [`is longer than ${MAX_LINE_BYTES} bytes`] },
    ]);
  }
}

/** A stream's events must come in consecutive versions and keep their stream type. */
function continuityProblems(event: ExportedEvent, streams: Map<string, StreamOfImport>): string[] {
  const stream = streams.get(event.streamId);
  if (!stream) {
    streams.set(event.streamId, { type: event.streamType, nextVersion: event.version + 1, imported: false, refused: false });
    return [];
  }
  const problems: string[] = [];
  if (event.streamType !== stream.type) problems.push(`aggregateType must be ${stream.type}, as in the stream's earlier events`);
  if (event.version !== stream.nextVersion) {
    problems.push(`metadata.version must be ${stream.nextVersion}: the events of stream ${event.streamId} must come in consecutive versions`);
  }
  stream.nextVersion = event.version + 1;
  return problems;
}

/** Why the store refused a stream's append, or null when it was not a conflict with what is stored. */
function conflictReason(error: unknown, firstVersion: number): string | null {
  if (error instanceof WrongExpectedVersionError) {
    return `the stream is at version ${error.currentVersion}, and the import continues it from version ${firstVersion}`;
  }
  if (error instanceof DuplicateEventIdError) return `${error.message}`;
  return null;
}

function addConflict(report: ImportReport, conflict: ImportConflict): void {
  report.conflictCount++;
  if (report.conflicts.length < CONFLICTS_LISTED) report.conflicts.push(conflict);
}
