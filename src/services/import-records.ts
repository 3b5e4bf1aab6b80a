import type { DeductionRecord } from '../domain/deduction-record.js';
import { DEDUCTION_COLUMNS, parseDeductionRow } from '../domain/deduction-row.js';
import { invoiceKey } from '../domain/identifier.js';
import type { ImportSource } from '../domain/import-source.js';
import type { LedgerRecord, TaxRecord } from '../domain/invoice.js';
import { LEDGER_COLUMNS, parseLedgerRow } from '../domain/ledger-row.js';
import type { RowProblem } from '../domain/row-problem.js';
import { parseTaxRow, TAX_COLUMNS } from '../domain/tax-row.js';
import { err, ok, type Result } from '../lib/result.js';
import { createSlicer } from '../lib/slicer.js';
import { UnreadableFileError, type UnreadableReason } from '../lib/unreadable-file-error.js';
import type { Clock, DeductionStore, ImportChanges, InvoiceStore } from '../ports.js';

export type { ImportSource };

/** What an import did; `period` is the period a deduction-selection export was taken for. */
export type ImportSummary = ImportChanges & {
  source: ImportSource;
  rows: number;
  from?: string;
  to?: string;
  period?: string;
};

/**
 * What an import needs. `deductions` (the selection store, and the period an export taken at a moment is for) is
 * needed only to store a deduction-selection export.
 */
export type ImportDeps = {
  store: InvoiceStore;
  clock: Clock;
  zone: string;
  deductions?: { store: DeductionStore; period(now: Date): string };
};

/** Why an import wrote nothing. `problems` is capped; `problemCount` is the full count. */
export type ImportError =
  | { code: 'invalid_rows'; problems: RowProblem[]; problemCount: number; rows: number }
  | { code: 'empty_file' }
  | { code: 'unreadable'; reason: UnreadableReason; row?: number };

/** Input of an import: the rows as cell arrays, header first. */
export type ImportRequest = {
  source: ImportSource;
  file: string;
  rows: AsyncIterable<string[]>;
  coverFrom?: string;
  coverTo?: string;
  /** Validate every row but store nothing (a sync checks all its files before writing any). */
  dryRun?: boolean;
  /** The period (`YYYY-MM`) a deduction-selection export was taken for; by default the one open at import time. */
  period?: string;
  /** Keep only matching records (a sync limited to one invoice type or an issue-date range). */
  keep?: { type?: string; dayFrom?: string; dayTo?: string };
};

const MAX_REPORTED = 50;

/**
 * Validates every row of a ledger or tax file and stores them all, or, if any row is invalid, stores nothing and
 * reports each problem with its row number and column. Re-importing the same file changes nothing.
 */
export async function importRecords(
  deps: ImportDeps,
  request: ImportRequest,
): Promise<Result<ImportSummary, ImportError>> {
  try {
    return await validateAndStore(deps, request);
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    return err({ code: 'unreadable', reason: error.reason, ...(error.row ? { row: error.row } : {}) });
  }
}

type AnyRecord = LedgerRecord | TaxRecord | DeductionRecord;
type RowParser = (
  cells: Record<string, string>,
  row: number,
  zone: string,
) => { ok: true; record: AnyRecord } | { ok: false; problems: RowProblem[] };

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

async function validateAndStore(deps: ImportDeps, request: ImportRequest): Promise<Result<ImportSummary, ImportError>> {
  const format = FORMATS[request.source];
  const expected = format.columns;
  const parse = format.parse;
  const problems: RowProblem[] = [];
  let problemCount = 0;
  const records: AnyRecord[] = [];
  const seen = new Set<string>();
  let header: string[] | undefined;
  let rowNo = 0;
  // Parsing yields to the event loop every few milliseconds, so a running bot's sync keeps it responsive.
  const pause = createSlicer();
  const report = (p: RowProblem) => {
    problemCount += 1;
    if (problems.length < MAX_REPORTED) problems.push(p);
  };
  for await (const raw of request.rows) {
    rowNo += 1;
    if (!header) {
      header = raw.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
      const headerOk = format.ordered
        ? expected.every((c, i) => header?.[i] === c)
        : expected.every((c) => header?.includes(c));
      if (!headerOk) {
        report({ row: 1, column: expected.join(','), code: 'bad_header', value: header.join(',') });
        break;
      }
      continue;
    }
    if (raw.length !== header.length) {
      report({ row: rowNo, column: '*', code: 'wrong_column_count', value: String(raw.length) });
      continue;
    }
    // A plain loop: Object.fromEntries over mapped pairs built two arrays per cell, a fifth of this loop's own time.
    // No prototype: a header cell named `__proto__` stays a column.
    const cells: Record<string, string> = Object.create(null);
    for (let i = 0; i < header.length; i++) cells[header[i] as string] = raw[i] ?? '';
    const parsed = parse(cells, rowNo, deps.zone);
    if (!parsed.ok) for (const p of parsed.problems) report(p);
    else {
      const keys = ('ids' in parsed.record ? parsed.record.ids : [parsed.record.id]).map(invoiceKey);
      const dup = keys.find((k) => seen.has(k));
      if (dup) report({ row: rowNo, column: 'id', code: 'duplicate_in_file', value: dup.slice(1) });
      for (const k of keys) seen.add(k);
      for (const p of impossibilities(parsed.record, rowNo, request, deps.clock.now())) report(p);
      records.push(parsed.record);
    }
    await pause(rowNo);
  }
  if (!header) return err({ code: 'empty_file' });
  if (problemCount > 0) return err({ code: 'invalid_rows', problems, problemCount, rows: Math.max(0, rowNo - 1) });
  if (request.dryRun)
    return ok({ source: request.source, rows: records.length, added: 0, changed: 0, unchanged: 0, touched: [] });
  const keep = request.keep;
  return ok(await store(deps, request, keep ? records.filter((r) => matches(r, keep)) : records));
}

const DAY_MS = 86_400_000;

// What no real export can contain: an issue date more than a day ahead, a date outside the coverage the importer
// declared for the file, or an amount whose sign contradicts 是否正数发票.
function impossibilities(record: AnyRecord, row: number, request: ImportRequest, now: Date): RowProblem[] {
  const dateColumn = FORMATS[request.source].dateColumn;
  const day = record.issuedAt.slice(0, 10);
  const problems: RowProblem[] = [];
  if (Date.parse(record.issuedAt) > now.getTime() + DAY_MS)
    problems.push({ row, column: dateColumn, code: 'future_date', value: record.issuedAt.slice(0, 16) });
  if ((request.coverFrom && day < request.coverFrom) || (request.coverTo && day > request.coverTo))
    problems.push({ row, column: dateColumn, code: 'outside_coverage', value: day });
  if ('source' in record && record.source === 'tax' && (record.positive ? record.total < 0 : record.total > 0))
    problems.push({ row, column: '是否正数发票', code: 'sign_mismatch', value: record.positive ? '是' : '否' });
  return problems;
}

function matches(r: AnyRecord, keep: NonNullable<ImportRequest['keep']>): boolean {
  const day = r.issuedAt.slice(0, 10);
  if (keep.type && !r.type.includes(keep.type)) return false;
  return (!keep.dayFrom || day >= keep.dayFrom) && (!keep.dayTo || day <= keep.dayTo);
}

async function store(deps: ImportDeps, request: ImportRequest, records: AnyRecord[]): Promise<ImportSummary> {
  const now = deps.clock.now();
  if (request.source === 'deduction') {
    // A programming error, not a user's: every caller that accepts deduction files passes the store.
    if (!deps.deductions) throw new Error('a deduction-selection import needs the deduction store');
    const period = request.period ?? deps.deductions.period(now);
    const source = { file: request.file, period };
    const changes = await deps.deductions.store.importSelections(records as DeductionRecord[], source, now);
    return { source: 'deduction', rows: records.length, ...changes, period };
  }
  let first: string | undefined;
  let last: string | undefined;
  for (const r of records) {
    const day = r.issuedAt.slice(0, 10);
    if (!first || day < first) first = day;
    if (!last || day > last) last = day;
  }
  const from = request.coverFrom ?? request.keep?.dayFrom ?? first;
  const to = request.coverTo ?? request.keep?.dayTo ?? last;
  const range = from && to ? { from, to } : {};
  if (request.source === 'ledger') {
    const meta = {
      from: from ?? '',
      to: to ?? '',
      importedAt: now.toISOString(),
      file: request.file,
      rows: records.length,
    };
    const changes = await deps.store.importLedger(records as LedgerRecord[], now, meta);
    return { source: 'ledger', rows: records.length, ...changes, ...range };
  }
  const coverage = {
    from: from ?? '',
    to: to ?? '',
    importedAt: now.toISOString(),
    file: request.file,
    rows: records.length,
  };
  const changes = await deps.store.importTax(records as TaxRecord[], request.keep?.type ? undefined : coverage, now);
  return { source: 'tax', rows: records.length, ...changes, ...range };
}
