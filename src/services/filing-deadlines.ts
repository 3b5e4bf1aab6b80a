import { currentReturn, type FilingDeadline, nextReturn, workingDaysLeft } from '../domain/filing-calendar.js';
import { localDay } from '../lib/time.js';
import type { LookupDeps } from './look-up-invoice.js';
import { missingInvoices } from './missing-invoices.js';

/** A deadline with the working days left to it. */
export type DeadlineAhead = FilingDeadline & { daysLeft: number };

/** How many of a period's invoices are still missing from the tax data, by direction. */
export type PeriodMissing = { period: string; issued: number; received: number };

/** The return being prepared now and the next one; for finance, the missing invoices of their periods. */
export type FilingDeadlines = { current: DeadlineAhead; next: DeadlineAhead; missing?: PeriodMissing[] };

/**
 * `/invoice deadlines`: the current and next filing deadlines, each official or provisional, with the working days
 * left. `withMissing` (finance only: it scans the whole ledger) adds the count of each period's missing invoices.
 */
export async function filingDeadlines(deps: LookupDeps, withMissing: boolean): Promise<FilingDeadlines> {
  const today = localDay(deps.clock.now(), deps.zone);
  const ahead = (d: FilingDeadline): DeadlineAhead => ({
    ...d,
    daysLeft: workingDaysLeft(today, d.due, deps.calendar),
  });
  const current = currentReturn(deps.filing, deps.calendar, today);
  const next = nextReturn(deps.filing, deps.calendar, current);
  if (!withMissing) return { current: ahead(current), next: ahead(next) };
  const missing = [current.period, next.period].map((period) => ({ period, issued: 0, received: 0 }));
  for (const found of await missingInvoices(deps)) {
    const row = missing.find((m) => m.period === found.filing?.period);
    if (row && found.filing) row[found.filing.direction] += 1;
  }
  return { current: ahead(current), next: ahead(next), missing };
}
