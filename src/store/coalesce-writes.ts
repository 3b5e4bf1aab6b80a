/** How {@link coalesceWrites} hands a finished write back to the calls that shared it. */
export type CoalesceOptions = {
  /**
   * At most this many of the calls that shared a write are settled in one turn of the event loop; the rest in the
   * turns that follow (`setImmediate`), first come first served. Unset: all at once.
   */
  settlePerTurn?: number;
};

/**
 * What the request path's state files pass as `settlePerTurn`: a click's or lookup's rest after its write is a few
 * tenths of a millisecond, so four of them add about a millisecond to a turn, within the 3 ms the admission gate
 * aims a turn at (admit-requests.ts).
 */
export const SETTLE_PER_TURN = 4;

type Waiter = { resolve: () => void; reject: (error: unknown) => void };

/**
 * Wraps `write` — one durable write of a file's latest state — so that calls made while a write is in progress share
 * the next one instead of queueing one each. Under load a state file is then written as often as the disk allows, not
 * once per change: fifty clicks that arrive during one write become one more write, not fifty.
 *
 * A call settles with the first write that *starts* after it: `write` must read the state it writes before its first
 * `await`, so that write holds the caller's change, and when it resolves the change is durable. When it fails, every
 * call that shared it is rejected with its error; the next call starts a fresh write. Writes never overlap, and the
 * first one waits a microtask, so changes made in one synchronous run (a `Promise.all`) share a write too.
 *
 * With `settlePerTurn`, the calls that shared a write go on a few per turn of the event loop. Why: each caller's
 * work resumes when its promise settles, all in the turn the write ended in. Under issue 11's mixed load a
 * walk-through write was shared by 5 clicks on average and by 32 at the 99th percentile, so one turn ran the rest of
 * up to 47 clicks (their answers built and sent) while a `/healthz` probe waited for it (docs/benchmarks.md, health16).
 *
 * @example
 * const save = coalesceWrites(() => writeFileAtomic(file, JSON.stringify(state)));
 * state.a = 1;
 * state.b = 2;
 * await Promise.all([save(), save()]); // one write, holding both
 */
export function coalesceWrites(write: () => Promise<void>, options: CoalesceOptions = {}): () => Promise<void> {
  const perTurn = options.settlePerTurn ?? Number.POSITIVE_INFINITY;
  // The last write asked for, and the callers of the one not started yet (the one a new call can still join).
  let last: Promise<void> = Promise.resolve();
  let waiting: Waiter[] | undefined;
  return () =>
    new Promise<void>((resolve, reject) => {
      if (waiting) {
        waiting.push({ resolve, reject });
        return;
      }
      const callers: Waiter[] = [{ resolve, reject }];
      waiting = callers;
      // `last` never rejects: a failed write is its callers' to handle, and the next write starts regardless.
      last = last
        .then(() => {
          waiting = undefined;
          return write();
        })
        .then(
          () => settle(callers, perTurn, (c) => c.resolve()),
          (error: unknown) => settle(callers, perTurn, (c) => c.reject(error)),
        );
    });
}

// The first `perTurn` callers now, each further `perTurn` in a later turn of the event loop.
function settle(callers: Waiter[], perTurn: number, each: (caller: Waiter) => void): void {
  let next = 0;
  const step = () => {
    const end = Math.min(callers.length, next + perTurn);
    for (; next < end; next += 1) each(callers[next] as Waiter);
    if (next < callers.length) setImmediate(step);
  };
  step();
}
