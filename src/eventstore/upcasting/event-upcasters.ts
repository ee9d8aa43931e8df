import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '../event-envelope.js';
import type { EventSchema, EventUpcaster } from './event-upcaster.js';

/** Longest chain of upcasters one event may pass through; a longer one is a cycle. */
const MAX_CHAIN = 32;

/**
 * The upcasters of the application, by the shape they read. Features register the upcasters of their own
 * events when their module starts (before anything reads the log); the event store applies them to every
 * event it reads (UpcastingEventStore), so aggregates, projections and the events API see current shapes
 * only.
 */
@Injectable()
export class EventUpcasters {
  /** eventType → schemaVersion → upcaster. */
  private readonly byType = new Map<string, Map<number, EventUpcaster>>();

  get isEmpty(): boolean {
    return this.byType.size === 0;
  }

  /**
   * Adds upcasters; registering the same upcaster again changes nothing.
   * @throws Error when another upcaster already reads that shape, or when the chains would loop.
   */
  register(...upcasters: EventUpcaster[]): void {
    for (const upcaster of upcasters) {
      const { eventType, schemaVersion } = upcaster.from;
      const versions = this.byType.get(eventType) ?? new Map<number, EventUpcaster>();
      if (versions.get(schemaVersion) === upcaster) continue;
      if (versions.has(schemaVersion)) throw new Error(`An upcaster of ${eventType} schema ${schemaVersion} is already registered`);
      versions.set(schemaVersion, upcaster);
      this.byType.set(eventType, versions);
      try {
        this.finalSchema(upcaster.from);
      } catch (error) {
        versions.delete(schemaVersion);
        if (versions.size === 0) this.byType.delete(eventType);
        throw error;
      }
    }
  }

  /** The event in its current shape: the same object when no upcaster reads its shape. */
  upcast(event: StoredEvent): StoredEvent {
    let upcaster = this.byType.get(event.eventType)?.get(event.metadata.schemaVersion);
    if (!upcaster) return event;
    let { eventType, data } = event;
    let schemaVersion = event.metadata.schemaVersion;
    while (upcaster) {
      data = upcaster.upcast(data);
      ({ eventType, schemaVersion } = upcaster.to);
      upcaster = this.byType.get(eventType)?.get(schemaVersion);
    }
    return { ...event, eventType, data, metadata: { ...event.metadata, schemaVersion } };
  }

  /** Every event in its current shape; the same array when none needed lifting. */
  upcastAll(events: StoredEvent[]): StoredEvent[] {
    let lifted: StoredEvent[] | null = null;
    for (let index = 0; index < events.length; index++) {
      const event = events[index];
      const current = this.upcast(event);
      if (current !== event) {
        lifted ??= events.slice();
        lifted[index] = current;
      }
    }
    return lifted ?? events;
  }

  /**
   * The stored types to ask the store for when a reader filters by these current types: the types
   * themselves, unless every stored shape of one is upcast to another type (a renamed type: no current
   * event has it), and every older type whose events are upcast into one of them.
   */
  storedTypesOf(eventTypes: readonly string[]): string[] {
    const wanted = new Set(eventTypes);
    const stored = new Set(eventTypes.filter((type) => !this.isRenamed(type)));
    for (const [eventType, versions] of this.byType) {
      for (const schemaVersion of versions.keys()) {
        if (wanted.has(this.finalSchema({ eventType, schemaVersion }).eventType)) stored.add(eventType);
      }
    }
    return [...stored];
  }

  /** True when every registered shape of this type is upcast into another type (the type was renamed). */
  private isRenamed(eventType: string): boolean {
    const versions = this.byType.get(eventType);
    if (!versions) return false;
    return [...versions.keys()].every((schemaVersion) => this.finalSchema({ eventType, schemaVersion }).eventType !== eventType);
  }

  /** Where the chain from a shape ends. @throws Error on a chain longer than MAX_CHAIN (a loop). */
  private finalSchema(schema: EventSchema): EventSchema {
    let current = schema;
    for (let steps = 0; steps <= MAX_CHAIN; steps++) {
      const upcaster = this.byType.get(current.eventType)?.get(current.schemaVersion);
      if (!upcaster) return current;
      current = upcaster.to;
    }
    throw new Error(`The upcasters from ${schema.eventType} schema ${schema.schemaVersion} loop`);
  }
}
