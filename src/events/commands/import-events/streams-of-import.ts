import type { EventLocation } from '../../../eventstore/event-location.js';
import type { ExportedEvent } from './exported-event.js';
import type { ImportRun } from './import-batcher.js';
import type { ImportReport } from './import-report.js';

/** Refused streams listed in the report; the rest are only counted. */
const CONFLICTS_LISTED = 100;

/** What the import knows of one stream of the file: O(streams) memory, never O(events). */
export interface StreamOfImport {
  type: string;
  /** The aggregate id of the file's events (the report names the stream by it). */
  aggregateId: string;
  /** The version of the stream's first event in the file. */
  firstVersion: number;
  /** The version the stream's next event in the file must have. */
  nextVersion: number;
  /** How many of the stream's events in the file are stored already, as they are (same id, stream, version). */
  alreadyStored: number;
  /** The highest version among those (`firstVersion - 1` when none). */
  storedThrough: number;
  imported: boolean;
  refused: boolean;
}

/**
 * The streams of an import file, what the import decided about each, and its report. An import sent again (after an
 * interruption, or twice) finds a first part of a stream's events stored as they are in the file: it
 * continues after them. An event id stored anywhere else refuses the stream.
 */
export class StreamsOfImport {
  private readonly streams = new Map<string, StreamOfImport>();
  readonly report: ImportReport = { importedEvents: 0, importedStreams: 0, alreadyStoredEvents: 0, conflictCount: 0, conflicts: [] };

  get(streamId: string): StreamOfImport {
    return this.streams.get(streamId) as StreamOfImport;
  }

  /** Takes the file's next event; returns its problems: a stream's events come in consecutive versions and keep their type. */
  follow(event: ExportedEvent): string[] {
    const stream = this.streams.get(event.streamId);
    if (!stream) {
      this.streams.set(event.streamId, {
        type: event.streamType,
        aggregateId: event.aggregateId,
        firstVersion: event.version,
        nextVersion: event.version + 1,
        alreadyStored: 0,
        storedThrough: event.version - 1,
        imported: false,
        refused: false,
      });
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

  /** Where the store holds events of the file (`inFile`: where the file puts each of the ids looked up). */
  located(locations: readonly EventLocation[], inFile: ReadonlyMap<string, Omit<EventLocation, 'id'>>): void {
    for (const stored of locations) {
      const wanted = inFile.get(stored.id) as Omit<EventLocation, 'id'>;
      const stream = this.get(wanted.streamId);
      if (stored.streamId === wanted.streamId && stored.version === wanted.version) {
        stream.alreadyStored++;
        stream.storedThrough = Math.max(stream.storedThrough, stored.version);
      } else {
        this.refuse(wanted.streamId, `Event id ${stored.id} is already stored, as version ${stored.version} of stream ${stored.streamId}`);
      }
    }
  }

  /**
   * Once every line is checked: refuses each stream whose stored events are not the first ones of it in
   * the file (then the file and the store disagree about its history).
   */
  checked(): void {
    for (const [streamId, stream] of this.streams) {
      if (stream.refused || stream.alreadyStored === stream.storedThrough - stream.firstVersion + 1) continue;
      this.refuse(streamId, `${stream.alreadyStored} of its events are stored already, but not its first ${stream.alreadyStored} in the file`);
    }
  }

  /** What of `run` is to be appended: none of a refused stream, and only the events after those stored already. */
  toAppend(run: ImportRun): ImportRun | null {
    const stream = this.get(run[0].streamId);
    if (stream.refused) return null;
    const rest = run.filter((exported) => exported.version > stream.storedThrough);
    this.report.alreadyStoredEvents += run.length - rest.length;
    return rest.length > 0 ? rest : null;
  }

  /** The store appended `run`. */
  appended(run: ImportRun): void {
    const stream = this.get(run[0].streamId);
    this.report.importedEvents += run.length;
    if (!stream.imported) this.report.importedStreams++;
    stream.imported = true;
  }

  /** Refuses the stream: nothing more of it is appended, and the report lists it. */
  refuse(streamId: string, reason: string): void {
    const stream = this.get(streamId);
    if (stream.refused) return;
    stream.refused = true;
    this.report.conflictCount++;
    const listed = stream.imported ? `${reason}; its earlier events were imported` : reason;
    if (this.report.conflicts.length < CONFLICTS_LISTED) this.report.conflicts.push({ aggregateId: stream.aggregateId, reason: listed });
  }
}
