import assert from 'node:assert/strict';
import type { DomainEvent } from '../eventsourcing/domain-event.js';
import type { EventSourcedAggregate } from '../eventsourcing/event-sourced-aggregate.js';

/** A command on the aggregate: mutate it (or return a new one, for a creation); it gets null when no events are given. */
export type SpecifiedDecision<A> = (current: A | null) => A | void;

/** What `thenThrows` accepts: the error's class, a pattern of its message, or a check of it. */
export type ExpectedError = (abstract new (...args: never[]) => Error) | RegExp | ((error: unknown) => boolean);

/** The outcome side of an aggregate specification. */
export interface AggregateThen<A> {
  /** Asserts the command applied exactly these new events (deep equality, classes included); returns the aggregate. */
  then(...expected: DomainEvent[]): A;
  /** Asserts the command applied no event. */
  thenNothing(): A;
  /** Asserts the command threw this error. */
  thenThrows(expected: ExpectedError): void;
}

/**
 * Given/when/then for an event-sourced aggregate, with no store: given its past events, when a command
 * runs, then exactly these new events (or this error). Framework-neutral (assertions from `node:assert`,
 * so it fails any test runner's test).
 *
 * ```ts
 * const order = aggregateSpecification((id) => new Order(id), 'order-1');
 * order.given(new OrderPlaced('order-1', 'ada', T0))
 *   .when((o) => o!.ship(T0 + 1))
 *   .then(new OrderShipped('order-1', T0 + 1));
 * order.given().when((o) => o!.ship(T0)).thenThrows(OrderNotFoundError);
 * ```
 */
export function aggregateSpecification<A extends EventSourcedAggregate<any, any>>(create: (id: string) => A, aggregateId: string) {
  return {
    /** The aggregate's history, oldest first (none: the aggregate does not exist yet). */
    given(...history: DomainEvent[]) {
      return {
        when(decision: SpecifiedDecision<A>): AggregateThen<A> {
          const run = (): A => {
            const current = history.length === 0 ? null : create(aggregateId).rehydrate(null, history);
            const decided = decision(current) ?? current;
            assert.ok(decided, 'the command returned no aggregate, and none existed');
            return decided;
          };
          const then = (expected: readonly DomainEvent[]): A => {
            const aggregate = run();
            assert.deepStrictEqual(aggregate.getUncommittedEvents(), expected);
            return aggregate;
          };
          return {
            then: (...expected) => then(expected),
            thenNothing: () => then([]),
            thenThrows(expected) {
              assert.throws(run, expected as never);
            },
          };
        },
      };
    },
  };
}
