import type { StoredEvent } from '../../../eventstore/event-envelope.js';

/** Injection token of the optional {@link ImportPreparation} the host application provides. */
export const IMPORT_PREPARATION = Symbol('IMPORT_PREPARATION');

/** An event of an import's file, as the file gives it (its `position` is the exporting store's). */
export type ImportedEvent = StoredEvent;

/**
 * What a feature must record before an import appends anything, from the checked events of the file:
 * for example the transfer legs the imported history already made, so that the transfer process
 * manager, reading the imported events, does not make them again.
 */
export interface ImportPreparation {
  prepare(events: AsyncIterable<ImportedEvent>): Promise<void>;
}
