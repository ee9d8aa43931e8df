import { EventRegistry } from '../../../eventsourcing/event-registry.js';
import type { TransferEvent } from './transfer-event.js';
import { TransferCompleted } from './transfer-completed.event.js';
import { TransferFailed } from './transfer-failed.event.js';
import { TransferRequested } from './transfer-requested.event.js';

/** Stored type name → Transfer event class. */
export const TRANSFER_EVENT_REGISTRY = new EventRegistry<TransferEvent>([TransferRequested, TransferCompleted, TransferFailed]);
