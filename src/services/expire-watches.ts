import type { Watch } from '../ports.js';
import type { DailyDeps } from './daily-jobs.js';
import { directOnce, runLeased } from './run-leased.js';

/**
 * Ends the watches older than `watchDays`, each with a final DM. Each is leased on its own (a replica that dies
 * between the DM and the removal leaves the removal, not a second DM, to the next one), and looked for again once
 * leased: another replica may have ended it between this one's list and its lease.
 */
export async function expireWatches(deps: DailyDeps, now: Date): Promise<number> {
  const days = deps.lookup.settings.watchDays;
  const same = (a: Watch, b: Watch) =>
    a.userId === b.userId && a.invoiceKey === b.invoiceKey && a.createdAt === b.createdAt;
  let sent = 0;
  for (const watch of await deps.watches.list()) {
    if (now.getTime() - Date.parse(watch.createdAt) < days * 86_400_000) continue;
    const job = `watch-expiry:${watch.userId}:${watch.invoiceKey}`;
    const ended = await runLeased(
      deps.schedule,
      job,
      watch.createdAt,
      async (lease) => {
        if (!(await deps.watches.list()).some((w) => same(w, watch))) return 0;
        const message = await deps.watchExpired(watch.userId, watch.invoiceKey, days);
        await directOnce(lease, deps.notifier, [watch.userId], message);
        await deps.watches.remove(watch);
        return 1;
      },
      'discard',
    );
    sent += ended ?? 0;
  }
  return sent;
}
