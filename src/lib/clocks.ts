// These satisfy the `Clock` port of src/ports.ts by shape: src/lib depends on nothing else in src.

/** The real clock. */
export const systemClock: { now(): Date } = { now: () => new Date() };

/** A clock that stands still until moved: for tests and the console's demo. */
export type ManualClock = { now(): Date; set(date: Date): void; advance(ms: number): void };

/**
 * Creates a clock fixed at `start`.
 * @example createManualClock(new Date('2026-01-01T00:00:00Z')).now().toISOString() // '2026-01-01T00:00:00.000Z'
 */
export function createManualClock(start: Date): ManualClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (date) => {
      now = date.getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}
