import type { AggregateDefinition } from '../../src/eventsourcing/aggregate-definition.js';
import type { DomainEvent } from '../../src/eventsourcing/domain-event.js';
import { EventRegistry } from '../../src/eventsourcing/event-registry.js';
import { EventSourcedAggregate } from '../../src/eventsourcing/event-sourced-aggregate.js';

/** A support ticket: the small aggregate the generic repository's contract runs on. */
export class TicketOpened implements DomainEvent {
  static readonly eventType = 'TicketOpened';
  static readonly schemaVersion = 1;
  constructor(
    readonly ticketId: string,
    readonly title: string,
    readonly occurredAt: number,
  ) {}
  toData() {
    return { title: this.title };
  }
  static fromData(id: string, data: Record<string, unknown>, at: number) {
    return new TicketOpened(id, String(data.title), at);
  }
}

export class TicketNoted implements DomainEvent {
  static readonly eventType = 'TicketNoted';
  static readonly schemaVersion = 1;
  constructor(
    readonly ticketId: string,
    readonly note: string,
    readonly occurredAt: number,
  ) {}
  toData() {
    return { note: this.note };
  }
  static fromData(id: string, data: Record<string, unknown>, at: number) {
    return new TicketNoted(id, String(data.note), at);
  }
}

export class TicketClosed implements DomainEvent {
  static readonly eventType = 'TicketClosed';
  static readonly schemaVersion = 1;
  constructor(
    readonly ticketId: string,
    readonly occurredAt: number,
  ) {}
  toData() {
    return {};
  }
  static fromData(id: string, _data: Record<string, unknown>, at: number) {
    return new TicketClosed(id, at);
  }
}

export class TicketReopened implements DomainEvent {
  static readonly eventType = 'TicketReopened';
  static readonly schemaVersion = 1;
  constructor(
    readonly ticketId: string,
    readonly occurredAt: number,
  ) {}
  toData() {
    return {};
  }
  static fromData(id: string, _data: Record<string, unknown>, at: number) {
    return new TicketReopened(id, at);
  }
}

export type TicketEvent = TicketOpened | TicketNoted | TicketClosed | TicketReopened;

export interface TicketState {
  title: string;
  notes: number;
  closed: boolean;
}

export class TicketClosedError extends Error {
  constructor(id: string) {
    super(`Ticket ${id} is closed`);
  }
}

export class Ticket extends EventSourcedAggregate<TicketEvent, TicketState> {
  state: TicketState = { title: '', notes: 0, closed: false };

  static open(id: string, title: string, now: number): Ticket {
    const ticket = new Ticket(id);
    ticket.apply(new TicketOpened(id, title, now));
    return ticket;
  }

  note(note: string, now: number): void {
    if (this.state.closed) throw new TicketClosedError(this.id);
    this.apply(new TicketNoted(this.id, note, now));
  }

  close(now: number): void {
    if (!this.state.closed) this.apply(new TicketClosed(this.id, now));
  }

  reopen(now: number): void {
    if (this.state.closed) this.apply(new TicketReopened(this.id, now));
  }

  override snapshotState(): TicketState {
    return { ...this.state };
  }

  protected override restoreState(state: TicketState): void {
    this.state = { ...state };
  }

  protected onTicketOpened(event: TicketOpened): void {
    this.state.title = event.title;
  }

  protected onTicketNoted(): void {
    this.state.notes += 1;
  }

  protected onTicketClosed(): void {
    this.state.closed = true;
  }

  protected onTicketReopened(): void {
    this.state.closed = false;
  }
}

export const TICKET_EVENTS = new EventRegistry<TicketEvent>([TicketOpened, TicketNoted, TicketClosed, TicketReopened]);

/** Tickets with snapshots of state schema 1, in streams `ticket-<id>`. */
export const TICKET: AggregateDefinition<Ticket, TicketEvent> = {
  aggregateType: 'Ticket',
  events: TICKET_EVENTS,
  create: (id) => new Ticket(id),
  streamPrefix: 'ticket-',
  snapshotSchemaVersion: 1,
};
