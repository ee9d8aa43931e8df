import { AssertionError } from 'node:assert';
import { Ticket, TicketClosed, TicketClosedError, TicketNoted, TicketOpened } from '../../test/eventsourcing/ticket.js';
import { aggregateSpecification } from './aggregate-specification.js';

const T0 = Date.UTC(2026, 0, 1);
const ticket = aggregateSpecification((id) => new Ticket(id), 't-1');

describe('aggregateSpecification', () => {
  it('passes when the command applies exactly the expected events, and returns the aggregate', () => {
    const noted = ticket
      .given(new TicketOpened('t-1', 'fire', T0))
      .when((t) => t!.note('smoke', T0 + 1))
      .then(new TicketNoted('t-1', 'smoke', T0 + 1));
    expect(noted.version).toBe(2);
    ticket.given().when(() => Ticket.open('t-1', 'fire', T0)).then(new TicketOpened('t-1', 'fire', T0));
  });

  it('fails when the events differ, are missing, or when an error was expected and none came', () => {
    const when = ticket.given(new TicketOpened('t-1', 'fire', T0)).when((t) => t!.note('smoke', T0 + 1));
    expect(() => when.then(new TicketNoted('t-1', 'steam', T0 + 1))).toThrow(AssertionError);
    expect(() => when.thenNothing()).toThrow(AssertionError);
    expect(() => when.thenThrows(TicketClosedError)).toThrow(AssertionError);
  });

  it('thenThrows matches the thrown error by class, message pattern or check', () => {
    const closed = ticket.given(new TicketOpened('t-1', 'fire', T0), new TicketClosed('t-1', T0 + 1)).when((t) => t!.note('late', T0 + 2));
    closed.thenThrows(TicketClosedError);
    closed.thenThrows(/is closed/);
    closed.thenThrows((error) => error instanceof TicketClosedError);
    expect(() => closed.thenThrows(RangeError)).toThrow();
  });

  it('thenNothing passes for a command that applies no event', () => {
    ticket.given(new TicketOpened('t-1', 'fire', T0), new TicketClosed('t-1', T0 + 1)).when((t) => t!.close(T0 + 2)).thenNothing();
  });
});
