import type { AccountEventClass } from './account-event.js';
import { AccountClosed } from './account-closed.event.js';
import { AccountOpened } from './account-opened.event.js';
import { MoneyDeposited } from './money-deposited.event.js';
import { MoneyWithdrawn } from './money-withdrawn.event.js';

/** Stored type name → event class. The only place that ties stored names to classes. */
export const ACCOUNT_EVENT_CLASSES: ReadonlyMap<string, AccountEventClass> = new Map<string, AccountEventClass>(
  [AccountOpened, MoneyDeposited, MoneyWithdrawn, AccountClosed].map((type) => [type.eventType, type]),
);
