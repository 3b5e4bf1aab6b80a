import type { FilingDeadline } from '../domain/filing-calendar.js';
import { currentReturn, workingDaysLeft } from '../domain/filing-calendar.js';
import { formatId, invoiceKey } from '../domain/identifier.js';
import type { FilingReminderItem, ScheduleLease } from '../ports.js';
import type { DailyDeps } from './daily-jobs.js';
import { missingInvoices } from './missing-invoices.js';
import { once, runLeased, toFinanceOnce } from './run-leased.js';
import { unselectedInvoices, unselectedItems } from './unselected-invoices.js';

/**
 * `deadlineReminderDays` working days before each filing deadline (or on the first working day after that moment,
 * if the bot was down): finance gets the period's invoices still missing from the tax data, issued and received,
 * with their requesters and open escalations, and the period's received invoices not selected for deduction yet (or
 * locked by a red-letter form); each requester gets one DM listing their missing invoices. Once per deadline: the
 * deadline is leased in the schedule store and marked done once everything went out, each message recorded as it
 * goes, so neither a restart nor a second replica sends one twice, and one that dies mid-way leaves the rest to the
 * next tick.
 */
export async function runFilingReminders(deps: DailyDeps, today: string): Promise<number> {
  const { filing, calendar } = deps.lookup;
  const deadline = currentReturn(filing, calendar, today);
  const daysLeft = workingDaysLeft(today, deadline.due, calendar);
  if (daysLeft === 0 || daysLeft > deps.settings.deadlineReminderDays) return 0;
  const sent = await runLeased(deps.schedule, 'filing-reminder', deadline.due, (lease) =>
    sendFilingReminders(deps, lease, deadline, daysLeft),
  );
  return sent ?? 0;
}

async function sendFilingReminders(
  deps: DailyDeps,
  lease: ScheduleLease,
  deadline: FilingDeadline,
  daysLeft: number,
): Promise<number> {
  const missing = (await missingInvoices(deps.lookup)).filter((found) => found.filing?.period === deadline.period);
  const unselected = unselectedItems(await unselectedInvoices(deps.lookup, deadline));
  if (missing.length === 0 && unselected.length === 0) return 0;
  const open = await Promise.all(missing.map((found) => deps.escalations.openFor(invoiceKey(found.id))));
  const items: FilingReminderItem[] = missing.map((found, i) => {
    const requester = found.pair.ledger?.requester;
    const escalation = open[i]?.id;
    return {
      invoice: formatId(found.id),
      direction: found.filing?.direction ?? 'issued',
      ...(requester ? { requester } : {}),
      ...(escalation ? { escalation } : {}),
    };
  });
  const message = deps.render.filingReminder(deadline, daysLeft, items, unselected);
  await toFinanceOnce(lease, deps, message);
  let sent = 1;
  const byRequester = new Map<string, string[]>();
  for (const item of items)
    if (item.requester) byRequester.set(item.requester, [...(byRequester.get(item.requester) ?? []), item.invoice]);
  for (const [requester, ids] of byRequester) {
    const language = await deps.languageOf(requester);
    const message = deps.render.filingReminderToRequester(deadline, daysLeft, ids, language);
    if (await once(lease, `dm:${requester}`, () => deps.notifier.direct(requester, message))) sent += 1;
  }
  return sent;
}
