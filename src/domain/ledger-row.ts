import type { LedgerRecord } from './invoice.js';
import { type FactColumns, RowReader } from './row-fields.js';
import type { RowProblem } from './row-problem.js';
import { parseErpStatus } from './status.js';

/** The ledger CSV's columns (design.md, public interface), in their documented order. */
export const LEDGER_COLUMNS = [
  'invoice_code',
  'invoice_number',
  'digital_number',
  'type',
  'issued_at',
  'seller_tax_id',
  'seller_name',
  'buyer_tax_id',
  'buyer_name',
  'amount',
  'tax',
  'total',
  'erp_status',
  'uploaded_at',
  'requester',
  'note',
] as const;

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

const COLUMNS: FactColumns = {
  code: 'invoice_code',
  number: 'invoice_number',
  digital: 'digital_number',
  type: 'type',
  issuedAt: 'issued_at',
  sellerTaxId: 'seller_tax_id',
  sellerName: 'seller_name',
  buyerTaxId: 'buyer_tax_id',
  buyerName: 'buyer_name',
  amount: 'amount',
  tax: 'tax',
  total: 'total',
};

/**
 * Turns one ledger CSV row (cells keyed by column name) into a record, or the list of what is wrong with it.
 * @example parseLedgerRow(cells, 2, 'Asia/Shanghai').ok // true for a valid row
 */
export function parseLedgerRow(
  cells: Record<string, string>,
  row: number,
  zone: string,
): { ok: true; record: LedgerRecord } | { ok: false; problems: RowProblem[] } {
  const r = new RowReader(cells, row, zone);
  const { issuedAt, ...facts } = r.facts(COLUMNS);
  const erpStatus = parseErpStatus(r.required('erp_status'));
  if (r.text('erp_status') && !erpStatus) r.fail('erp_status', 'bad_status');
  const uploadedAt = r.time('uploaded_at', true);
  const requester = r.text('requester');
  if (requester && !SLACK_USER.test(requester)) r.fail('requester', 'bad_user_id');
  if (r.problems.length > 0 || !issuedAt || !erpStatus) return { ok: false, problems: r.problems };
  return {
    ok: true,
    record: {
      source: 'ledger',
      ...facts,
      issuedAt,
      erpStatus,
      ...(uploadedAt ? { uploadedAt } : {}),
      ...(requester ? { requester } : {}),
      note: r.text('note'),
      history: [],
    },
  };
}
