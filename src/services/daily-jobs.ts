import { escalationSla, isOpen } from '../domain/escalation.js';
import { currentReturn, hasOfficialYear, workingDaysLeft } from '../domain/filing-calendar.js';
import { formatId } from '../domain/identifier.js';
import type { Language } from '../i18n/language.js';
import { localDay } from '../lib/time.js';
import { zoneOffsetMinutes } from '../lib/zone-offset.js';
import type { Announcement, ChecklistStore, QuestionLog, ScheduleLease, ScheduleStore, WatchStore } from '../ports.js';
import type { EscalationDeps } from './escalations.js';
import { expireWatches } from './expire-watches.js';
import { runFilingReminders } from './filing-reminders.js';
import { missingInvoices } from './missing-invoices.js';
import { directEachOnce, runLeased, toFinanceOnce } from './run-leased.js';
import { unselectedInvoices, unselectedItems } from './unselected-invoices.js';

/**
 * Once per working day, at `digestTime` in the bot's zone: the digest of open escalations for finance, the daily
 * backup, the end of watches older than `watchDays` (with a final DM), and warnings to admins while China's holiday
 * data, or the official filing deadlines, for this year (or, in December, next year) are missing. Each job leases
 * its day in the schedule store (one caller wins, even across replicas on one database) and marks it done once it
 * has sent, each recipient's message recorded as it goes: a restart after the digest time sends it once, not again,
 * and a replica that dies mid-job leaves the rest to the next tick of any replica once its lease expires.
 */
export type DailyDeps = EscalationDeps & {
  schedule: ScheduleStore;
  watches: WatchStore;
  sessions: ChecklistStore;
  backup: () => Promise<string>;
  /** The DM an admin gets, in `language` (theirs), when the daily backup failed (it is tried again on the next tick). */
  backupFailed: (reason: string, language: Language) => Announcement;
  watchExpired: (userId: string, invoiceKey: string, days: number) => Promise<Announcement>;
  /** Where the daily count of missing invoices is kept, for finance's figures ("missing at the period's end"). */
  questions?: QuestionLog;
  /** Last week's headline figures and their change, one line for the weekly status check. */
  weeklyFigures?: () => Promise<string>;
};

export async function runDailyJobs(deps: DailyDeps): Promise<number> {
  const now = deps.lookup.clock.now();
  const zone = deps.lookup.zone;
  const today = localDay(now, zone);
  const local = new Date(now.getTime() + zoneOffsetMinutes(now.getTime(), zone) * 60_000);
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const weekly = await runWeeklyCheck(deps, now, local, minutes);
  const [hh = 0, mm = 0] = deps.settings.digestTime.split(':').map(Number);
  if (minutes < hh * 60 + mm || !deps.calendar.isWorkday(today)) return weekly;
  let sent = weekly;
  sent +=
    (await runLeased(deps.schedule, 'digest', today, async (lease) => {
      const open = (await deps.escalations.all()).filter(isOpen).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      if (open.length === 0) return 0;
      await toFinanceOnce(lease, deps, deps.render.digest(open, now));
      return 1;
    })) ?? 0;
  // Counted once a working day, so a past period's figures say how many were missing at its end.
  const { questions } = deps;
  if (questions)
    await runLeased(deps.schedule, 'missing-count', today, async () => {
      const count = (await missingInvoices(deps.lookup)).length;
      await questions.record({ type: 'missing', at: now.toISOString(), count });
    });
  sent += await runFilingReminders(deps, today);
  // Leased like the other daily jobs, so one replica a day makes it: they share one database, and what a replica's
  // DATA_DIR adds to it (the settings files) is deployed the same to every replica. Marked done only once it has
  // succeeded: a failed backup (a full disk) gives the lease back and is tried again on the next tick of any replica,
  // and admins hear about it once a day.
  try {
    sent +=
      (await runLeased(deps.schedule, 'backup', today, async () => {
        await deps.backup();
        return 1;
      })) ?? 0;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    sent += await warnAdmins(deps, 'backup-failed', today, (language) => deps.backupFailed(reason, language));
  }
  await runLeased(deps.schedule, 'prune-walkthroughs', today, () =>
    deps.sessions.prune(new Date(now.getTime() - deps.lookup.settings.walkthroughKeepDays * 86_400_000)),
  );
  sent += await expireWatches(deps, now);
  const year = local.getUTCFullYear();
  const missing = [year, ...(local.getUTCMonth() === 11 ? [year + 1] : [])].find(
    (y) => deps.calendar.covers?.(y) === false,
  );
  if (missing !== undefined)
    sent += await warnAdmins(deps, 'calendar-warning', today, (language) =>
      deps.render.calendarMissing(missing, language),
    );
  // From December on, next year's official filing deadlines are due from the tax bureau: until an admin adds them,
  // the bot answers with provisional dates from the rule, and says so to admins once a day.
  const noTable = [year, ...(local.getUTCMonth() === 11 ? [year + 1] : [])].find(
    (y) => !hasOfficialYear(deps.lookup.filing, y),
  );
  if (noTable !== undefined)
    sent += await warnAdmins(deps, 'filing-calendar-warning', today, (language) =>
      deps.render.filingCalendarMissing(noTable, language),
    );
  return sent;
}

// Once a day per job, each admin in their own language.
async function warnAdmins(
  deps: DailyDeps,
  job: string,
  today: string,
  messageFor: (language: Language) => Announcement,
): Promise<number> {
  const sent = await runLeased(deps.schedule, job, today, async (lease) => {
    await directEachOnce(lease, deps, deps.admins, messageFor);
    return 1;
  });
  return sent ?? 0;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * The weekly status check (default Monday 09:30): everything still missing beyond its window (by the card's rule),
 * escalations past either SLA target, and maintenance in the coming week, posted for finance. It runs once per
 * weekly slot: after a restart that missed the slot it runs once, late, rather than not at all or twice. A fresh
 * installation (no slot ever recorded) only records the latest slot: it did not exist then, so nothing is owed.
 */
async function runWeeklyCheck(deps: DailyDeps, now: Date, local: Date, minutes: number): Promise<number> {
  const { weekday, time } = deps.settings.weeklyCheck;
  const [hh = 0, mm = 0] = time.split(':').map(Number);
  const isoWeekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  let back = (isoWeekday - weekday + 7) % 7;
  if (back === 0 && minutes < hh * 60 + mm) back = 7;
  const slot = localDay(new Date(now.getTime() - back * 86_400_000), deps.lookup.zone);
  const last = await deps.schedule.lastRun('weekly-check');
  if (last !== undefined && last >= slot) return 0;
  // Another replica that leased this slot first posts the check.
  const sent = await runLeased(deps.schedule, 'weekly-check', slot, (lease) =>
    last === undefined ? Promise.resolve(0) : postWeeklyCheck(deps, now, lease),
  );
  return sent ?? 0;
}

async function postWeeklyCheck(deps: DailyDeps, now: Date, lease: ScheduleLease): Promise<number> {
  const missing = (await missingInvoices(deps.lookup)).map((found) => {
    const requester = found.pair.ledger?.requester;
    return { invoice: formatId(found.id), ...(requester ? { requester } : {}) };
  });
  const [escalations, allWindows, allPolicies] = await Promise.all([
    deps.escalations.all(),
    deps.lookup.windows.windows(),
    deps.lookup.policies?.policies() ?? [],
  ]);
  const overdue = escalations
    .filter((e) => escalationSla(e, now, deps.settings.nearMinutes * 60_000) === 'overdue')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const windows = allWindows.filter(
    (w) => Date.parse(w.endsAt) > now.getTime() && Date.parse(w.startsAt) < now.getTime() + WEEK_MS,
  );
  // Policy changes taking effect in the coming week (not yet in effect, not withdrawn).
  const policies = allPolicies.filter(
    (n) =>
      n.status === 'scheduled' &&
      Date.parse(n.startsAt) >= now.getTime() &&
      Date.parse(n.startsAt) < now.getTime() + WEEK_MS,
  );
  // The return being prepared: its received invoices not selected for deduction yet, while there is time to act.
  const today = localDay(now, deps.lookup.zone);
  const deadline = currentReturn(deps.lookup.filing, deps.lookup.calendar, today);
  const unselected = {
    deadline,
    daysLeft: workingDaysLeft(today, deadline.due, deps.lookup.calendar),
    items: unselectedItems(await unselectedInvoices(deps.lookup, deadline)),
  };
  const check = deps.render.weeklyCheck(missing, overdue, windows, policies, now, unselected);
  const figures = deps.weeklyFigures ? await deps.weeklyFigures() : undefined;
  await toFinanceOnce(lease, deps, figures ? { ...check, text: `${check.text}\n\n${figures}` } : check);
  return 1;
}
