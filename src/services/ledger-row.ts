import type { LedgerRecord } from '../domain/invoice.js';
import { parseErpStatus } from '../domain/status.js';
import { RowReader } from './row-fields.js';
import type { RowProblem } from './row-problem.js';

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
  const ids = r.ids('invoice_code', 'invoice_number', 'digital_number');
  const type = r.required('type');
  const issuedAt = r.time('issued_at');
  const sellerTaxId = r.taxId('seller_tax_id', false);
  const sellerName = r.required('seller_name');
  const buyerTaxId = r.taxId('buyer_tax_id', true);
  const buyerName = r.required('buyer_name');
  const { amount, tax, total } = r.totals('amount', 'tax', 'total');
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
      ids,
      type,
      issuedAt,
      sellerTaxId,
      sellerName,
      buyerTaxId,
      buyerName,
      amount,
      tax,
      total,
      erpStatus,
      ...(uploadedAt ? { uploadedAt } : {}),
      ...(requester ? { requester } : {}),
      note: r.text('note'),
      history: [],
    },
  };
}
