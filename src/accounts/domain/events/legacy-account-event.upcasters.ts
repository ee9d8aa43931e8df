import { toMajorUnits } from '../../../common/money/money.js';
import type { EventUpcaster } from '../../../eventstore/upcasting/event-upcaster.js';

/**
 * Shapes of BankAccount events written by older releases, and how each becomes a current one. Registered
 * with the event store by AccountsModule, so every read of the log (the aggregate, its queries, the
 * projections, the events API) sees current shapes only.
 *
 * - `FundsDeposited` schema 1 `{amountCents: 50000}` → `MoneyDeposited` schema 1 `{amount: 500}`
 * - `FundsWithdrawn` schema 1 `{amountCents: 20000}` → `MoneyWithdrawn` schema 1 `{amount: 200}`
 */
export const LEGACY_ACCOUNT_EVENT_UPCASTERS: readonly EventUpcaster[] = [
  {
    from: { eventType: 'FundsDeposited', schemaVersion: 1 },
    to: { eventType: 'MoneyDeposited', schemaVersion: 1 },
    upcast: fromCents,
  },
  {
    from: { eventType: 'FundsWithdrawn', schemaVersion: 1 },
    to: { eventType: 'MoneyWithdrawn', schemaVersion: 1 },
    upcast: fromCents,
  },
];

/** `{amountCents, ...}` → `{amount, ...}`: integer cents to the decimal amount of the current shape. */
function fromCents({ amountCents, ...rest }: Record<string, unknown>): Record<string, unknown> {
  return { ...rest, amount: toMajorUnits(Number(amountCents)) };
}
