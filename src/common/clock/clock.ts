/** Injection token of the {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

/** The source of time. Injected so that tests and replays are deterministic. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** The wall clock. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}
