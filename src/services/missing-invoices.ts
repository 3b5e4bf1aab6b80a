import { isMissingBeyondWindow } from '../domain/diagnose.js';
import { formatId, type InvoiceId } from '../domain/identifier.js';
import { type Lookup, type LookupDeps, lookUpInvoice } from './look-up-invoice.js';

/**
 * Ledger invoices that should be in the tax data by now and are not, each with its lookup (diagnosis, filing period,
 * requester) — by the card's rule: still inside the sync window, or issued on a day the tax data does not cover yet,
 * is not missing yet. A full scan of the ledger: for scheduled checks and finance's commands, not the request path.
 */
export async function missingInvoices(deps: LookupDeps): Promise<Array<Lookup & { id: InvoiceId }>> {
  const missing: Array<Lookup & { id: InvoiceId }> = [];
  // One lookup at a time: a scheduled scan must not flood the store with thousands of concurrent reads.
  for (const id of await deps.store.missingFromTax()) {
    const found = await lookUpInvoice(deps, { raw: formatId(id), id, problems: [] });
    if (isMissingBeyondWindow(found.diagnosis)) missing.push({ ...found, id });
  }
  return missing;
}
