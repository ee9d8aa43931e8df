import { EventRegistry } from '../../../eventsourcing/event-registry.js';
import type { AccountEvent } from './account-event.js';
import { AccountClosed } from './account-closed.event.js';
import { AccountOpened } from './account-opened.event.js';
import { MoneyDeposited } from './money-deposited.event.js';
import { MoneyWithdrawn } from './money-withdrawn.event.js';

/** Stored type name → BankAccount event class. The only place that ties stored names to classes. */
export const ACCOUNT_EVENT_REGISTRY = new EventRegistry<AccountEvent>([AccountOpened, MoneyDeposited, MoneyWithdrawn, AccountClosed]);
