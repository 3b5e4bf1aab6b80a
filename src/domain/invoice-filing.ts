import type { WorkingCalendar } from './business-time.js';
import type { Diagnosis } from './diagnose.js';
import { type Direction, directionOf } from './direction.js';
import {
  currentReturn,
  type FilingDeadline,
  type FilingTable,
  periodDeadline,
  workingDaysLeft,
} from './filing-calendar.js';
import type { InvoicePair } from './invoice.js';
import { parseTaxStatus, type TaxStatus } from './status.js';

/**
 * The return an invoice belongs to, seen from our side: an invoice we issued counts toward its issue month's return;
 * one we received can be confirmed for deduction (勾选) for its issue month until that return's deadline, after which
 * it moves to a later period (domain-fapiao §10.2). `waitsFor` is set for a received invoice of a month whose period
 * has not opened yet: it is not selectable until the return being prepared now is filed. `red` marks a red (negative)
 * invoice: one we received is never selected for deduction — if the invoice it reverses was deducted, that input VAT
 * is transferred out (进项税额转出) in the red invoice's own period — so it waits for nothing. `deductedBy` is set for
 * an invoice received by another of our entities (a branch in another region): that entity confirms it for deduction
 * in its own 抵扣类勾选, so the period is not ours to act on.
 */
export type InvoiceFiling = FilingDeadline & {
  direction: Direction;
  daysLeft: number;
  waitsFor?: FilingDeadline;
  red?: true;
  deductedBy?: DeductedBy;
};

/** The other entity of ours that bought an invoice and deducts it: its name and GB/T 2260 region (and that name). */
export type DeductedBy = { buyerName: string; region: string; regionName?: string };

const NOT_ISSUED = new Set(['pending_review', 'issuing', 'issue_failed', 'voided']);
const NOT_DEDUCTIBLE = new Set<TaxStatus>(['red_reversed', 'out_of_control', 'abnormal']);

/**
 * Which return an invoice belongs to and how many working days are left, or undefined when it belongs to none of
 * ours: neither party is one of our entities, it was never issued, it was voided, or we received it and it must not
 * be deducted (fully red-reversed, 失控 or 异常), or we are named as its buyer but it went to another one (the
 * diagnosis's `wrong_buyer`: no entity of ours deducts it, and the diagnosis says what to do).
 * @example invoiceFiling(pair, '2026-11-25', ['91110105MA01ABCD5F'], '2026-12-09', table, calendar)
 * // { period: '2026-11', due: '2026-12-15', official: true, direction: 'issued', daysLeft: 5 }
 */
export function invoiceFiling(
  pair: InvoicePair,
  issueDay: string,
  companyTaxIds: readonly string[],
  today: string,
  table: FilingTable,
  calendar: WorkingCalendar,
  diagnosis?: Diagnosis,
): InvoiceFiling | undefined {
  const facts = pair.ledger ?? pair.tax;
  if (!facts || (pair.ledger && NOT_ISSUED.has(pair.ledger.erpStatus))) return undefined;
  if (pair.tax && parseTaxStatus(pair.tax.statusLabel) === 'voided') return undefined;
  const direction = directionOf(facts, companyTaxIds);
  if (!direction) return undefined;
  // An invoice we received that is fully reversed, 失控 or 异常 is deducted in no period: its diagnosis says what to
  // do instead (transfer the input VAT out). One we issued still counted toward its month's return.
  if (direction === 'received' && pair.tax && NOT_DEDUCTIBLE.has(parseTaxStatus(pair.tax.statusLabel) ?? 'normal'))
    return undefined;
  if (direction === 'received' && diagnosis?.cause === 'wrong_buyer') return undefined;
  const deadline = periodDeadline(table, calendar, issueDay.slice(0, 7));
  const current = currentReturn(table, calendar, today);
  const red = pair.tax ? !pair.tax.positive : facts.total < 0;
  return {
    ...deadline,
    direction,
    daysLeft: workingDaysLeft(today, deadline.due, calendar),
    ...(red ? { red: true as const } : {}),
    ...(direction === 'received' && diagnosis?.cause === 'other_region'
      ? { deductedBy: deductedBy(pair.tax?.buyerName ?? facts.buyerName, diagnosis) }
      : {}),
    ...(direction === 'received' && !red && deadline.period > current.period ? { waitsFor: current } : {}),
  };
}

function deductedBy(buyerName: string, d: { region: string; regionName?: string }): DeductedBy {
  return { buyerName, region: d.region, ...(d.regionName ? { regionName: d.regionName } : {}) };
}

/**
 * A filing seen again on `today`: its period's deadline looked up anew (an admin may have added the official table
 * since, replacing a provisional date) and the working days left counted from today.
 * @example filingAsOf(filing, table, calendar, '2026-12-11') // { …filing, due: '2026-12-15', daysLeft: 3 }
 */
export function filingAsOf(
  filing: InvoiceFiling,
  table: FilingTable,
  calendar: WorkingCalendar,
  today: string,
): InvoiceFiling {
  const deadline = periodDeadline(table, calendar, filing.period);
  return { ...filing, ...deadline, daysLeft: workingDaysLeft(today, deadline.due, calendar) };
}
