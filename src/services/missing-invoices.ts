import { formatId, type InvoiceId } from '../domain/identifier.js';
import { type Lookup, type LookupDeps, lookUpInvoice } from './look-up-invoice.js';

// Causes that mean "should be in the tax data by now, and is not" (still inside the sync window is not missing yet).
const MISSING = new Set(['overdue', 'not_synced_yet']);

/**
 * Ledger invoices that should be in the tax data by now and are not, each with its lookup (diagnosis, filing period,
 * requester). A full scan of the ledger: for scheduled checks and finance's commands, not the request path.
 */
export function missingInvoices(deps: LookupDeps): Array<Lookup & { id: InvoiceId }> {
  return deps.store.missingFromTax().flatMap((id) => {
    const found = lookUpInvoice(deps, { raw: formatId(id), id, problems: [] });
    return MISSING.has(found.diagnosis.cause) ? [{ ...found, id }] : [];
  });
}
