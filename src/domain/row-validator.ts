import type { UnreadableReason } from '../lib/unreadable-file-error.js';
import type { DeductionRecord } from './deduction-record.js';
import { DEDUCTION_COLUMNS, parseDeductionRow } from './deduction-row.js';
import { invoiceKey } from './identifier.js';
import type { ImportSource } from './import-source.js';
import type { LedgerRecord, TaxRecord } from './invoice.js';
import { LEDGER_COLUMNS, parseLedgerRow } from './ledger-row.js';
import type { RowProblem } from './row-problem.js';
import { parseTaxRow, TAX_COLUMNS } from './tax-row.js';

/** A record of any import source. */
export type ImportedRecord = LedgerRecord | TaxRecord | DeductionRecord;

/** What the rows of one file are checked against: its source, the bot's zone, now, and the declared coverage. */
export type RowCheck = { source: ImportSource; zone: string; now: number; coverFrom?: string; coverTo?: string };

type RowParser = (
  cells: Record<string, string>,
  row: number,
  zone: string,
) => { ok: true; record: ImportedRecord } | { ok: false; problems: RowProblem[] };

// Each source's columns, whether the export fixes their order (the platform's exports do; our ledger CSV does not),
// its row parser, and its issue-date column.
const FORMATS: Record<
  ImportSource,
  { columns: readonly string[]; ordered: boolean; parse: RowParser; dateColumn: string }
> = {
  ledger: { columns: LEDGER_COLUMNS, ordered: false, parse: parseLedgerRow, dateColumn: 'issued_at' },
  tax: { columns: TAX_COLUMNS, ordered: true, parse: parseTaxRow, dateColumn: '开票日期' },
  deduction: { columns: DEDUCTION_COLUMNS, ordered: true, parse: parseDeductionRow, dateColumn: '开票日期' },
};

/** At most this many problems are kept; `problemCount` still counts all of them. */
export const MAX_REPORTED_PROBLEMS = 50;

const DAY_MS = 86_400_000;

/**
 * Checks the rows of one import file one at a time, header first, and keeps every problem with its row number and
 * column: a header that is not the source's, a row with the wrong number of cells, an invalid cell, an id twice in
 * the file, a date in the future or outside the declared coverage, an amount whose sign contradicts 是否正数发票.
 * Holds no record: {@link add} returns each valid one, and the caller decides what to keep. The same checks run in
 * the bot's process and on an import worker thread.
 * @example const v = new RowValidator(check); for (const raw of rows) v.add(raw); v.problemCount // 0 when valid
 */
export class RowValidator {
  /** The first {@link MAX_REPORTED_PROBLEMS} problems, in row order. */
  readonly problems: RowProblem[] = [];
  /** How many problems were found in all. */
  problemCount = 0;
  /** Rows read so far, the header included. */
  rows = 0;
  /** True once the header turned out not to be this source's: nothing after it is checked. */
  stopped = false;
  private header: string[] | undefined;
  // No prototype: a header cell named `__proto__` stays a column.
  private readonly cells: Record<string, string> = Object.create(null);
  private readonly seen = new Set<string>();
  private readonly format;

  constructor(private readonly check: RowCheck) {
    this.format = FORMATS[check.source];
  }

  /** True once a header row was read. */
  get hasHeader(): boolean {
    return this.header !== undefined;
  }

  /** Checks the next row; returns its record when the row is valid (problems of other rows do not matter). */
  add(raw: readonly string[]): ImportedRecord | undefined {
    if (this.stopped) return undefined;
    this.rows += 1;
    const header = this.header;
    if (!header) {
      this.readHeader(raw);
      return undefined;
    }
    if (raw.length !== header.length) {
      this.report({ row: this.rows, column: '*', code: 'wrong_column_count', value: String(raw.length) });
      return undefined;
    }
    // One object for every row, each cell overwritten (the row has a cell for every column): a fresh prototype-less
    // object per row, which V8 keeps as a dictionary, cost more than the checks. The parser reads it before the next
    // row and keeps none of it.
    const cells = this.cells;
    for (let i = 0; i < header.length; i++) cells[header[i] as string] = raw[i] ?? '';
    const parsed = this.format.parse(cells, this.rows, this.check.zone);
    if (!parsed.ok) {
      for (const p of parsed.problems) this.report(p);
      return undefined;
    }
    const record = parsed.record;
    const before = this.problemCount;
    const ids = 'ids' in record ? record.ids : [record.id];
    let dup: string | undefined;
    for (const id of ids) {
      const key = invoiceKey(id);
      if (dup === undefined && this.seen.has(key)) dup = key;
      this.seen.add(key);
    }
    if (dup) this.report({ row: this.rows, column: 'id', code: 'duplicate_in_file', value: dup.slice(1) });
    this.impossibilities(record);
    return this.problemCount === before ? record : undefined;
  }

  private readHeader(raw: readonly string[]): void {
    const header = raw.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
    this.header = header;
    const expected = this.format.columns;
    const ok = this.format.ordered
      ? expected.every((c, i) => header[i] === c)
      : expected.every((c) => header.includes(c));
    if (ok) return;
    this.report({ row: 1, column: expected.join(','), code: 'bad_header', value: header.join(',') });
    this.stopped = true;
  }

  private report(p: RowProblem): void {
    this.problemCount += 1;
    if (this.problems.length < MAX_REPORTED_PROBLEMS) this.problems.push(p);
  }

  // What no real export can contain: an issue date more than a day ahead, a date outside the coverage the importer
  // declared for the file, or an amount whose sign contradicts 是否正数发票.
  private impossibilities(record: ImportedRecord): void {
    const { check } = this;
    const row = this.rows;
    const column = this.format.dateColumn;
    const day = record.issuedAt.slice(0, 10);
    if (Date.parse(record.issuedAt) > check.now + DAY_MS)
      this.report({ row, column, code: 'future_date', value: record.issuedAt.slice(0, 16) });
    if ((check.coverFrom && day < check.coverFrom) || (check.coverTo && day > check.coverTo))
      this.report({ row, column, code: 'outside_coverage', value: day });
    if ('source' in record && record.source === 'tax' && (record.positive ? record.total < 0 : record.total > 0))
      this.report({ row, column: '是否正数发票', code: 'sign_mismatch', value: record.positive ? '是' : '否' });
  }
}

/** Why an import wrote nothing. `problems` is capped; `problemCount` is the full count. */
export type ImportError =
  | { code: 'invalid_rows'; problems: RowProblem[]; problemCount: number; rows: number }
  | { code: 'empty_file' }
  | { code: 'unreadable'; reason: UnreadableReason; row?: number };

/**
 * The outcome of checking every row: the first problems (an {@link ImportError}), or `undefined` when the file is
 * valid. `rows` counts the data rows, the header not included.
 * @example checkOutcome(validator) // undefined when every row was valid
 */
export function checkOutcome(v: RowValidator): ImportError | undefined {
  if (!v.hasHeader) return { code: 'empty_file' };
  if (v.problemCount > 0)
    return { code: 'invalid_rows', problems: v.problems, problemCount: v.problemCount, rows: Math.max(0, v.rows - 1) };
  return undefined;
}
