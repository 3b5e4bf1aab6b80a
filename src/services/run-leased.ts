import type { Language } from '../i18n/language.js';
import type { Announcement, Notifier, ScheduleLease, ScheduleStore } from '../ports.js';

/**
 * Does one step of a leased slot (one message to one recipient) unless an earlier holder of the slot already did,
 * and records it once done, so a retry after a crash or a failure sends only what was not sent. True when it ran.
 */
export async function once(lease: ScheduleLease, key: string, work: () => Promise<unknown>): Promise<boolean> {
  if (lease.done.has(key)) return false;
  await work();
  await lease.step(key);
  return true;
}

/** DMs `message` to each of `people` once per slot: a retry skips those an earlier holder reached. */
export async function directOnce(
  lease: ScheduleLease,
  notifier: Notifier,
  people: readonly string[],
  message: Announcement,
): Promise<void> {
  for (const person of people) await once(lease, `dm:${person}`, () => notifier.direct(person, message));
}

/**
 * DMs each of `people` once per slot, each in their own language (the one they chose, else the bot's): an alert
 * meant for one person at a time, such as an admin's warning, is read alone, so it follows that person's choice.
 */
export async function directEachOnce(
  lease: ScheduleLease,
  deps: { notifier: Notifier; languageOf: (userId: string) => Promise<Language> },
  people: readonly string[],
  messageFor: (language: Language) => Announcement,
): Promise<void> {
  for (const person of people)
    await once(lease, `dm:${person}`, async () =>
      deps.notifier.direct(person, messageFor(await deps.languageOf(person))),
    );
}

/** Posts `message` for finance once per slot: in `channel`, or without one, by DM to each of `financeLeads`. */
export async function toFinanceOnce(
  lease: ScheduleLease,
  deps: { notifier: Notifier; channel?: string; financeLeads: readonly string[] },
  message: Announcement,
): Promise<void> {
  const { channel, notifier } = deps;
  if (channel) await once(lease, `post:${channel}`, () => notifier.post(channel, message));
  else await directOnce(lease, notifier, deps.financeLeads, message);
}

/**
 * Runs `work` on slot `value` of `job` if this caller wins its lease (undefined when it does not: done already, or
 * being done by another replica). Success ends the lease with `complete` (the slot is the job's last run), or with
 * `discard` when the work records itself on its own item; a failure releases it and is thrown, so the next tick
 * retries the steps not yet done. A replica that dies inside `work` leaves the slot to whoever claims it after the
 * lease expires.
 */
export async function runLeased<T>(
  schedule: ScheduleStore,
  job: string,
  value: string,
  work: (lease: ScheduleLease) => Promise<T>,
  end: 'complete' | 'discard' = 'complete',
): Promise<T | undefined> {
  const lease = await schedule.claim(job, value);
  if (!lease) return undefined;
  let result: T;
  try {
    result = await work(lease);
  } catch (error) {
    // The work's error is the one worth reporting; a lease that cannot be released (the database gone) expires.
    await lease.release().catch(() => undefined);
    throw error;
  }
  await (end === 'complete' ? lease.complete() : lease.discard());
  return result;
}
