/** A stream of the import that was not imported, and why. */
export interface ImportConflict {
  aggregateId: string;
  reason: string;
}

/** What an import appended, and the streams it refused. */
export interface ImportReport {
  importedEvents: number;
  importedStreams: number;
  /** Events of the file that were stored already, as they are (an import sent again): not appended again. */
  alreadyStoredEvents: number;
  /** How many streams were refused. */
  conflictCount: number;
  /** The first refused streams (at most 100). */
  conflicts: ImportConflict[];
}
