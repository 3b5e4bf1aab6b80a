import { neutraliseMentions } from '../lib/mrkdwn.js';
import { parseLocalTime, toLocalIso } from '../lib/time.js';
import type { InvoiceId } from './identifier.js';
import type { InvoiceFacts } from './invoice.js';
import { type Fen, parseYuan } from './money.js';
import { plainLocalIso } from './plain-local-iso.js';
import type { RowProblem, RowProblemCode } from './row-problem.js';
import { isValidTaxId } from './uscc.js';

/** The column names one file format uses for the facts every invoice record has. */
export type FactColumns = Record<
  | 'code'
  | 'number'
  | 'digital'
  | 'type'
  | 'issuedAt'
  | 'sellerTaxId'
  | 'sellerName'
  | 'buyerTaxId'
  | 'buyerName'
  | 'amount'
  | 'tax'
  | 'total',
  string
>;

// parseYuan for the plain form exports use on every row (`-1130.5`: a sign, up to 13 digits, up to two decimals),
// without regular expressions; undefined for anything else (grouping, ¥, spaces), which parseYuan then reads.
function plainFen(text: string): Fen | undefined {
  const negative = text.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  let yuan = 0;
  const start = i;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    yuan = yuan * 10 + c - 48;
  }
  const digits = i - start;
  if (digits < 1 || digits > 13) return undefined;
  let fen = 0;
  if (i < text.length) {
    const decimals = text.length - i - 1;
    if (text.charCodeAt(i) !== 46 || decimals < 1 || decimals > 2) return undefined;
    for (let k = i + 1; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c < 48 || c > 57) return undefined;
      fen = fen * 10 + c - 48;
    }
    if (decimals === 1) fen *= 10;
  }
  const total = yuan * 100 + fen;
  return negative ? -total : total;
}

/** Reads one row's cells by column name and collects every problem instead of stopping at the first. */
export class RowReader {
  readonly problems: RowProblem[] = [];

  constructor(
    private readonly cells: Record<string, string>,
    private readonly row: number,
    private readonly zone: string,
  ) {}

  /** A cell's trimmed text ('' when absent); a name or note in an export never becomes a mention. */
  text(column: string): string {
    const text = (this.cells[column] ?? '').trim();
    // Most cells have no `@` at all: no regular expression for them.
    return text.includes('@') ? neutraliseMentions(text) : text;
  }

  /** Records a problem with a cell. */
  fail(column: string, code: RowProblemCode): void {
    this.problems.push({ row: this.row, column, code, value: this.text(column) });
  }

  /** A required non-empty cell. */
  required(column: string): string {
    const v = this.text(column);
    if (!v) this.fail(column, 'missing');
    return v;
  }

  /** A required time, stored as local ISO 8601. */
  time(column: string, optional = false): string | undefined {
    const v = this.text(column);
    if (!v) {
      if (!optional) this.fail(column, 'missing');
      return undefined;
    }
    const fast = plainLocalIso(v, this.zone);
    if (fast) return fast;
    const date = parseLocalTime(v, this.zone);
    if (!date) this.fail(column, 'bad_date');
    return date && toLocalIso(date, this.zone);
  }

  /** A required amount in fen. */
  amount(column: string): Fen {
    const v = this.required(column);
    const fen = v ? (plainFen(v) ?? parseYuan(v)) : undefined;
    if (v && fen === undefined) this.fail(column, 'bad_amount');
    return fen ?? 0;
  }

  /** A taxpayer id; `optional` allows an empty cell (ordinary invoices to individuals). */
  taxId(column: string, optional: boolean): string {
    const v = optional ? this.text(column).toUpperCase() : this.required(column).toUpperCase();
    if (v && !isValidTaxId(v)) this.fail(column, 'bad_tax_id');
    return v;
  }

  /** The identity columns: code + number, 数电 number, or all three; at least one must be complete. */
  ids(codeCol: string, numberCol: string, digitalCol: string): InvoiceId[] {
    const code = this.text(codeCol);
    const number = this.text(numberCol);
    const digital = this.text(digitalCol);
    const ids: InvoiceId[] = [];
    if (digital) {
      if (/^\d{20}$/.test(digital)) ids.push({ kind: 'digital', number: digital });
      else this.fail(digitalCol, 'bad_identifier');
    }
    if (code || number) {
      const codeOk = /^(\d{10}|\d{12})$/.test(code);
      const numberOk = /^\d{8}$/.test(number) && !/^0+$/.test(number);
      if (!codeOk) this.fail(codeCol, code ? 'bad_identifier' : 'missing');
      if (!numberOk) this.fail(numberCol, number ? 'bad_identifier' : 'missing');
      if (codeOk && numberOk) ids.push({ kind: 'legacy', code, number });
    }
    if (!digital && !code && !number) this.fail(digitalCol, 'missing');
    return ids;
  }

  /** The facts both record sources share, read from this format's columns; `issuedAt` is undefined when invalid. */
  facts(c: FactColumns): Omit<InvoiceFacts, 'note' | 'history' | 'issuedAt'> & { issuedAt: string | undefined } {
    return {
      ids: this.ids(c.code, c.number, c.digital),
      type: this.required(c.type),
      issuedAt: this.time(c.issuedAt),
      sellerTaxId: this.taxId(c.sellerTaxId, false),
      sellerName: this.required(c.sellerName),
      buyerTaxId: this.taxId(c.buyerTaxId, true),
      buyerName: this.required(c.buyerName),
      ...this.totals(c.amount, c.tax, c.total),
    };
  }

  /** Checks 金额 + 税额 = 价税合计 to the fen. */
  totals(amountCol: string, taxCol: string, totalCol: string): { amount: Fen; tax: Fen; total: Fen } {
    const before = this.problems.length;
    const amount = this.amount(amountCol);
    const tax = this.amount(taxCol);
    const total = this.amount(totalCol);
    if (this.problems.length === before && amount + tax !== total) this.fail(totalCol, 'total_mismatch');
    return { amount, tax, total };
  }
}
