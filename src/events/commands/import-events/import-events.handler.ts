import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ValidationFailedError } from '../../../common/errors/validation-failed.error.js';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../../../eventstore/event-store.errors.js';
import type { EventLocation } from '../../../eventstore/event-location.js';
import { EVENT_STORE, type EventStore } from '../../../eventstore/event-store.port.js';
import { StreamNames } from '../../../eventstore/stream-names.js';
import { type ExportedEvent, parseExportedEvent } from './exported-event.js';
import { ImportBatcher, type ImportBatchLimits, type ImportRun } from './import-batcher.js';
import { ImportEventsCommand } from './import-events.command.js';
import { IMPORT_PREPARATION, type ImportedEvent, type ImportPreparation } from './import-preparation.js';
import type { ImportReport } from './import-report.js';
import { LineTooLongError, ndjsonLines } from './ndjson-lines.js';
import { StreamsOfImport } from './streams-of-import.js';

/** The longest line (one exported event) an import takes. */
const MAX_LINE_BYTES = 1024 * 1024;
/** Runs of at most 500 events; batches of at most 1,000 events and about 4 MB (one transaction on SQLite). */
const BATCH_LIMITS: ImportBatchLimits = { runEvents: 500, batchEvents: 1000, batchChars: 4 * 1024 * 1024 };
/** Event ids of the file looked up in the store in one query. */
const IDS_LOOKED_UP_AT_ONCE = 1000;

/**
 * Imports an export in two passes over a spool file on disk, so an import of any size holds one batch in
 * memory.
 *
 * The first pass checks every line (shape, and each stream's versions consecutive) while it spools; a
 * bad line refuses the whole import with 400 VALIDATION_FAILED before anything is appended. It also
 * looks the file's event ids up in the store: a stream whose first events in the file are stored as
 * they are (an import sent again) continues after them, and a stream holding an id the store has
 * anywhere else is refused before anything of it is appended.
 *
 * The second appends each stream's events with their ids, versions, timestamps and schema versions,
 * expecting the stream to stand just before them: a stream that holds other events at those versions
 * is refused at its first append, so nothing of it is appended (the other streams are imported). Only a
 * write to the stream during the import, or an event id repeated within the file, can refuse a stream
 * after some of its events went in; the report says so. Events are appended in the order of the file
 * (consecutive events of one stream in one append, a batch of appends in one `appendInOrder`: one
 * transaction and one flush on SQLite), so they keep their order across streams too, under new positions.
 */
@CommandHandler(ImportEventsCommand)
export class ImportEventsHandler implements ICommandHandler<ImportEventsCommand, ImportReport> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly streamNames: StreamNames,
    @Optional() @Inject(IMPORT_PREPARATION) private readonly preparation?: ImportPreparation,
  ) {}

  /** The stream of an exported event's aggregate (its type's prefix, if any, added). */
  private readonly streamIdOf = (aggregateType: string, aggregateId: string): string => this.streamNames.streamIdOf(aggregateType, aggregateId);

  async execute(command: ImportEventsCommand): Promise<ImportReport> {
    const folder = mkdtempSync(join(tmpdir(), 'bank-import-'));
    try {
      const spool = join(folder, 'events.ndjson');
      const streams = new StreamsOfImport();
      await this.checkAndSpool(command.source, spool, streams);
      await this.preparation?.prepare(spooledEvents(spool));
      await this.append(createReadStream(spool), streams);
      return streams.report;
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }

  /**
   * Writes every line to the spool once it passed the checks, and tells `streams` where the store
   * already holds events of the file. @throws ValidationFailedError for the first bad line.
   */
  private async checkAndSpool(source: AsyncIterable<Buffer | string>, spoolPath: string, streams: StreamsOfImport): Promise<void> {
    const { store, streamIdOf } = this;
    /** Where the file puts each event whose id is not looked up yet. */
    let unchecked = new Map<string, Omit<EventLocation, 'id'>>();
    async function lookUp(): Promise<void> {
      if (unchecked.size > 0) streams.located(await store.locateEvents([...unchecked.keys()]), unchecked);
      unchecked = new Map();
    }
    async function* checkedLines(): AsyncGenerator<string> {
      for await (const line of readLines(source)) {
        const parsed = parseExportedEvent(line.text, streamIdOf);
        const problems = 'problems' in parsed ? parsed.problems : streams.follow(parsed);
        if (problems.length > 0) {
          throw new ValidationFailedError(`Line ${line.number} of the import: ${problems.join('; ')}; nothing was imported`, [
            { field: `line ${line.number}`, problems },
          ]);
        }
        const { event, streamId, version } = parsed as ExportedEvent;
        unchecked.set(event.id, { streamId, version });
        if (unchecked.size === IDS_LOOKED_UP_AT_ONCE) await lookUp();
        yield `${line.text}\n`;
      }
      await lookUp();
    }
    await pipeline(checkedLines, createWriteStream(spoolPath));
    streams.checked();
  }

  /** Appends the spooled events in file order, a batch of runs (consecutive events of one stream) at a time. */
  private async append(spool: AsyncIterable<Buffer | string>, streams: StreamsOfImport): Promise<void> {
    const batcher = new ImportBatcher(BATCH_LIMITS);
    for await (const line of readLines(spool)) {
      const completed = batcher.add(parseExportedEvent(line.text, this.streamIdOf) as ExportedEvent, line.text.length);
      if (completed) await this.appendBatch(completed, streams);
    }
    for (const batch of batcher.finish()) await this.appendBatch(batch, streams);
  }

  /**
   * The events of the batch that are not stored yet, of streams not refused, in one `appendInOrder`; a
   * run the store refuses refuses its stream. @throws a failure of the store that is not a conflict.
   */
  private async appendBatch(batch: ImportRun[], streams: StreamsOfImport): Promise<void> {
    const runs = batch.map((run) => streams.toAppend(run)).filter((run): run is ImportRun => run !== null);
    const outcomes = await this.store.appendInOrder(
      runs.map((run) => ({
        streamId: run[0].streamId,
        streamType: streams.get(run[0].streamId).type,
        expectedVersion: run[0].version - 1,
        events: run.map((exported) => exported.event),
      })),
    );
    outcomes.forEach((outcome, index) => {
      const run = runs[index];
      if (outcome.status === 'fulfilled') return streams.appended(run);
      const reason = conflictReason(outcome.reason, run[0].version);
      if (reason === null) throw outcome.reason;
      streams.refuse(run[0].streamId, reason);
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

/** Why the store refused a stream's append, or null when it was not a conflict with what is stored. */
function conflictReason(error: unknown, firstVersion: number): string | null {
  if (error instanceof WrongExpectedVersionError) {
    return `the stream is at version ${error.currentVersion}, and the import continues it from version ${firstVersion}`;
  }
  if (error instanceof DuplicateEventIdError) return `${error.message}`;
  return null;
}
