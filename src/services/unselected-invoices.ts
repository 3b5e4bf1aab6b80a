import type { DeductionState } from '../domain/deduction-state.js';
import type { FilingDeadline } from '../domain/filing-calendar.js';
import { formatId, type InvoiceId } from '../domain/identifier.js';
import type { UnselectedItem } from '../ports.js';
import { type Lookup, type LookupDeps, lookUpInvoice } from './look-up-invoice.js';

/**
 * Received invoices the last deduction-selection export lists as not selected for deduction in `deadline`'s period
 * (still selectable there: not waiting for a later period), or as locked by a pending red-letter form (红字锁定),
 * each with its lookup. Reads every stored selection — one company's received invoices, a small set — so it is for
 * scheduled reminders, not the request path. Invoices the export did not list are not known here. Nor are those
 * another of our entities bought (the filing's `deductedBy`: that entity's finance selects them in its own 抵扣类勾选)
 * or that went to the wrong buyer (no deduction state): listing them would ask our finance to select what is not ours.
 */
export async function unselectedInvoices(
  deps: LookupDeps,
  deadline: FilingDeadline,
): Promise<Array<Lookup & { id: InvoiceId; deduction: DeductionState }>> {
  if (!deps.deductions) return [];
  const found: Array<Lookup & { id: InvoiceId; deduction: DeductionState }> = [];
  for (const entry of await deps.deductions.all()) {
    if (entry.record.selected && !entry.record.redLocked) continue;
    const id = entry.record.id;
    const l = await lookUpInvoice(deps, { raw: formatId(id), id, problems: [] });
    const d = l.deduction;
    if (!d || d.kind === 'selected' || l.filing?.deductedBy) continue;
    if (d.kind === 'not_selected' && (d.opensAfter || d.until.period !== deadline.period)) continue;
    found.push({ ...l, id, deduction: d });
  }
  return found;
}

/** The reminder lines for {@link unselectedInvoices}: the invoice, locked or not selected, and its requester. */
export function unselectedItems(found: Array<Lookup & { id: InvoiceId; deduction: DeductionState }>): UnselectedItem[] {
  return found.map((l) => {
    const requester = l.pair.ledger?.requester;
    return {
      invoice: formatId(l.id),
      kind: l.deduction.kind === 'red_locked' ? 'red_locked' : 'not_selected',
      ...(requester ? { requester } : {}),
    };
  });
}
