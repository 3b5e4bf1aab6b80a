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
 * @example
 * const save = coalesceWrites(() => writeFileAtomic(file, JSON.stringify(state)));
 * state.a = 1;
 * state.b = 2;
 * await Promise.all([save(), save()]); // one write, holding both
 */
export function coalesceWrites(write: () => Promise<void>): () => Promise<void> {
  // The last write asked for, and the one not started yet (the one a new call can still join).
  let last: Promise<void> = Promise.resolve();
  let waiting: Promise<void> | undefined;
  return () => {
    if (waiting) return waiting;
    const next = last
      .catch(() => {})
      .then(() => {
        waiting = undefined;
        return write();
      });
    waiting = next;
    last = next;
    return next;
  };
}
