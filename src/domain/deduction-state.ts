import type { WorkingCalendar } from './business-time.js';
import type { DeductionEntry, DeductionImport } from './deduction-record.js';
import type { Cause } from './diagnose.js';
import {
  currentReturn,
  type FilingDeadline,
  type FilingTable,
  periodDeadline,
  workingDaysLeft,
} from './filing-calendar.js';
import type { DeductedBy, InvoiceFiling } from './invoice-filing.js';
import type { Fen } from './money.js';
import { parseTaxStatus, type TaxStatus } from './status.js';

/**
 * Where a received invoice stands for deduction (勾选), as the last deduction-selection export showed it:
 * - `selected`: ticked for deduction in `period` (the period the export was recorded for: ours, so it is not named
 *   for a branch's invoice, which that entity selects in its own period);
 * - `red_locked`: a pending red-letter confirmation form (红字发票信息确认单) locks it — it cannot be selected until the
 *   form is confirmed (the invoice is then red-reversed) or withdrawn, refused or lapsed (after 72 hours); for a
 *   branch's invoice that entity's finance, not ours, handles the form;
 * - `not_selected`: not ticked yet; it can be selected in `until.period` until `until.due`. `late` when the invoice's
 *   own period has closed (the deduction moved to the current one), `opensAfter` when its period has not opened yet,
 *   `listed` false when the export did not list it at all, and `urgent` when at most `urgentDays` working days are
 *   left before `until.due` (the deadline-urgency setting; never for an invoice another of our entities deducts).
 *   `deductedBy`, in every state, names that entity when the invoice went to it (a branch): it selects the invoice
 *   and handles its red-letter forms, not us.
 * `asOf` is when the export it comes from was imported.
 */
export type DeductionState =
  | { kind: 'selected'; period: string; deductibleTax: Fen; asOf: string; deductedBy?: DeductedBy }
  | { kind: 'red_locked'; asOf: string; deductedBy?: DeductedBy }
  | {
      kind: 'not_selected';
      until: FilingDeadline;
      daysLeft: number;
      late: boolean;
      urgent: boolean;
      opensAfter?: FilingDeadline;
      listed: boolean;
      asOf: string;
      deductedBy?: DeductedBy;
    };

/** What the deduction rule reads about one invoice. */
export type DeductionFacts = {
  /** The invoice's stored selection, if an export listed it. */
  entry: DeductionEntry | undefined;
  /** The last deduction-selection import; none means the bot knows nothing about deductions. */
  lastImport: DeductionImport | undefined;
  /** The return the invoice belongs to (its direction and period), when it is ours and was issued. */
  filing: InvoiceFiling | undefined;
  /** The tax system's status of the invoice, when the tax data has it. */
  taxStatus: TaxStatus | undefined;
  /** The diagnosis's cause: a received invoice that went to the wrong buyer is deducted by no entity of ours. */
  cause?: Cause;
  today: string;
  /** How many working days before a deadline count as urgent (`escalations.deadlineUrgentDays`). */
  urgentDays: number;
  table: FilingTable;
  calendar: WorkingCalendar;
};

// Invoices no one should deduct: their diagnosis says what to do instead of selecting them.
const NOT_DEDUCTIBLE = new Set<TaxStatus>(['voided', 'red_reversed', 'out_of_control', 'abnormal']);

/**
 * The deduction state of an invoice, or undefined when the bot cannot say: an invoice we issued (the export is the
 * buyer's list, so it speaks only for invoices we received), one that is not ours, a red invoice (never selected:
 * its filing line says what finance does instead), no deduction export imported yet, or an unselected invoice that
 * must not be deducted (voided, red-reversed, 失控, 异常) or that went to the wrong buyer (its diagnosis says what to do).
 * @example deductionState({ entry, lastImport, filing, taxStatus: 'normal', today: '2026-12-09', urgentDays: 3, … })
 * // { kind: 'selected', period: '2026-11', deductibleTax: 13000, asOf: '2026-12-09T02:00:00.000Z' }
 */
export function deductionState(facts: DeductionFacts): DeductionState | undefined {
  const { entry, lastImport, filing, table, calendar, today } = facts;
  if (filing?.direction === 'issued' || filing?.red || (!filing && !entry)) return undefined;
  if (facts.cause === 'wrong_buyer') return undefined;
  const branch = filing?.deductedBy ? { deductedBy: filing.deductedBy } : {};
  if (entry?.record.redLocked) return { kind: 'red_locked', asOf: entry.importedAt, ...branch };
  if (entry?.record.selected)
    return {
      kind: 'selected',
      period: entry.period,
      deductibleTax: entry.record.deductibleTax,
      asOf: entry.importedAt,
      ...branch,
    };
  const asOf = entry?.importedAt ?? lastImport?.importedAt;
  if (!asOf) return undefined;
  const exportStatus = entry && parseTaxStatus(entry.record.statusLabel);
  if ((facts.taxStatus && NOT_DEDUCTIBLE.has(facts.taxStatus)) || (exportStatus && NOT_DEDUCTIBLE.has(exportStatus)))
    return undefined;
  const own = filing ?? periodDeadline(table, calendar, (entry?.record.issuedAt ?? '').slice(0, 7));
  const current = currentReturn(table, calendar, today);
  const late = own.period < current.period;
  const until: FilingDeadline = late ? current : { period: own.period, due: own.due, official: own.official };
  const daysLeft = workingDaysLeft(today, until.due, calendar);
  return {
    kind: 'not_selected',
    until,
    daysLeft,
    late,
    urgent: !filing?.deductedBy && daysLeft > 0 && daysLeft <= facts.urgentDays,
    ...(own.period > current.period ? { opensAfter: current } : {}),
    listed: Boolean(entry),
    asOf,
    ...branch,
  };
}
