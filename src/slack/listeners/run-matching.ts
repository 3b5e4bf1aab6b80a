/** One handler of a consolidated registration, run when `matches` says so. */
export type Route<A> = { matches: (args: A) => boolean; handler: (args: A) => Promise<void> };

/**
 * Runs every route that matches the request, concurrently, as Bolt runs every matching listener, and rethrows a
 * failure once all have settled (for `app.error`, as Bolt does).
 *
 * Why one Bolt registration per Slack feature type, dispatching here, rather than one per handler: Bolt passes every
 * request through the middleware chain of every registered listener, copying the arguments at each step. Our 17
 * registrations cost every request ~0.09 ms of CPU against ~0.05 ms for a bare app's one (bench/phase-query.ts, a
 * slash command processed in-process), about a fifth of what answering a lookup costs.
 */
export async function runMatching<A>(routes: readonly Route<A>[], args: A): Promise<void> {
  const settled = await Promise.allSettled(routes.filter((r) => r.matches(args)).map((r) => r.handler(args)));
  for (const result of settled) if (result.status === 'rejected') throw result.reason;
}

/** Widens a handler typed for one payload to the consolidated registration's argument type. */
export function route<A, H>(matches: (args: A) => boolean, handler: (args: H) => Promise<void>): Route<A> {
  return { matches, handler: handler as unknown as (args: A) => Promise<void> };
}
