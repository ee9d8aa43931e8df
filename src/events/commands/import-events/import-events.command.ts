import { Command } from '@nestjs/cqrs';
import type { ImportReport } from './import-report.js';

/** Append the events of an export (NDJSON bytes, read as they arrive) with their ids and versions. */
export class ImportEventsCommand extends Command<ImportReport> {
  constructor(readonly source: AsyncIterable<Buffer | string>) {
    super();
  }
}
