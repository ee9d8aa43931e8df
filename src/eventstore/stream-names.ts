import { Injectable } from '@nestjs/common';
import type { StoredEvent } from './event-envelope.js';

/**
 * How the aggregates of a type are named in the store: stream id = prefix + aggregate id. Stream ids are
 * unique across types, so a type whose ids may meet another's is stored under a prefix (`transfer:`);
 * the prefix stays an internal detail: every read of the store (EventStoreModule's store) gives its
 * events the aggregate id, and an import maps an exported aggregate id back to its stream. Repositories
 * register their definition's prefix when they are made (`EventSourcedRepository`); a prefix should end
 * in a character the type's ids never contain (`:`).
 */
@Injectable()
export class StreamNames {
  private readonly prefixes = new Map<string, string>();

  get isEmpty(): boolean {
    return this.prefixes.size === 0;
  }

  /**
   * Stores aggregates of `aggregateType` in streams `prefix + id`. Registering the same again changes nothing.
   * @throws Error when the type is registered with another prefix.
   */
  register(aggregateType: string, prefix: string): void {
    const known = this.prefixes.get(aggregateType);
    if (known !== undefined && known !== prefix) throw new Error(`${aggregateType} streams are named ${known}<id>, not ${prefix}<id>`);
    if (prefix !== '') this.prefixes.set(aggregateType, prefix);
  }

  /** The stream of an aggregate. An id that carries the prefix already (an export made before the prefix was hidden) is the stream id. */
  streamIdOf(aggregateType: string, aggregateId: string): string {
    const prefix = this.prefixes.get(aggregateType);
    return prefix === undefined || aggregateId.startsWith(prefix) ? aggregateId : prefix + aggregateId;
  }

  /** The aggregate id of a stream. */
  aggregateIdOf(aggregateType: string, streamId: string): string {
    const prefix = this.prefixes.get(aggregateType);
    return prefix !== undefined && streamId.startsWith(prefix) ? streamId.slice(prefix.length) : streamId;
  }

  /** The events with their aggregate ids (the same array when none is stored under a prefix). */
  presentAll(events: StoredEvent[]): StoredEvent[] {
    if (this.isEmpty) return events;
    let renamed: StoredEvent[] | null = null;
    for (let index = 0; index < events.length; index++) {
      const event = events[index];
      const aggregateId = this.aggregateIdOf(event.aggregateType, event.aggregateId);
      if (aggregateId === event.aggregateId) continue;
      renamed ??= events.slice();
      renamed[index] = { ...event, aggregateId };
    }
    return renamed ?? events;
  }
}
