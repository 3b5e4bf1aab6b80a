import { isMissingBeyondWindow } from '../domain/diagnose.js';
import { formatId, type InvoiceId } from '../domain/identifier.js';
import { type Lookup, type LookupDeps, lookUpInvoice } from './look-up-invoice.js';

/**
 * Ledger invoices that should be in the tax data by now and are not, each with its lookup (diagnosis, filing period,
 * requester) — by the card's rule: still inside the sync window, or issued on a day the tax data does not cover yet,
 * is not missing yet. A full scan of the ledger: for scheduled checks and finance's commands, not the request path.
 */
export function missingInvoices(deps: LookupDeps): Array<Lookup & { id: InvoiceId }> {
  return deps.store.missingFromTax().flatMap((id) => {
    const found = lookUpInvoice(deps, { raw: formatId(id), id, problems: [] });
    return isMissingBeyondWindow(found.diagnosis) ? [{ ...found, id }] : [];
  });
}
