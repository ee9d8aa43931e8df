import type { TransferEventClass } from './transfer-event.js';
import { TransferCompleted } from './transfer-completed.event.js';
import { TransferFailed } from './transfer-failed.event.js';
import { TransferRequested } from './transfer-requested.event.js';

/** Stored type name → Transfer event class. */
export const TRANSFER_EVENT_CLASSES: ReadonlyMap<string, TransferEventClass> = new Map<string, TransferEventClass>(
  [TransferRequested, TransferCompleted, TransferFailed].map((type) => [type.eventType, type]),
);
