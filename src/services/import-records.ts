import { invoiceKey } from '../domain/identifier.js';
import type { LedgerRecord, TaxRecord } from '../domain/invoice.js';
import { LEDGER_COLUMNS, parseLedgerRow } from '../domain/ledger-row.js';
import type { RowProblem } from '../domain/row-problem.js';
import { parseTaxRow, TAX_COLUMNS } from '../domain/tax-row.js';
import { err, ok, type Result } from '../lib/result.js';
import { createSlicer } from '../lib/slicer.js';
import { UnreadableFileError, type UnreadableReason } from '../lib/unreadable-file-error.js';
import type { Clock, ImportChanges, InvoiceStore } from '../ports.js';

/** Which record source a file feeds. */
export type ImportSource = 'ledger' | 'tax';

/** What an import did. */
export type ImportSummary = ImportChanges & { source: ImportSource; rows: number; from?: string; to?: string };

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
  /** Keep only matching records (a sync limited to one invoice type or an issue-date range). */
  keep?: { type?: string; dayFrom?: string; dayTo?: string };
};

const MAX_REPORTED = 50;

/**
 * Validates every row of a ledger or tax file and stores them all, or, if any row is invalid, stores nothing and
 * reports each problem with its row number and column. Re-importing the same file changes nothing.
 */
export async function importRecords(
  deps: { store: InvoiceStore; clock: Clock; zone: string },
  request: ImportRequest,
): Promise<Result<ImportSummary, ImportError>> {
  try {
    return await validateAndStore(deps, request);
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    return err({ code: 'unreadable', reason: error.reason, ...(error.row ? { row: error.row } : {}) });
  }
}

async function validateAndStore(
  deps: { store: InvoiceStore; clock: Clock; zone: string },
  request: ImportRequest,
): Promise<Result<ImportSummary, ImportError>> {
  const expected: readonly string[] = request.source === 'ledger' ? LEDGER_COLUMNS : TAX_COLUMNS;
  const parse = request.source === 'ledger' ? parseLedgerRow : parseTaxRow;
  const problems: RowProblem[] = [];
  let problemCount = 0;
  const records: Array<LedgerRecord | TaxRecord> = [];
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
      const headerOk =
        request.source === 'tax'
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
    const cells = Object.fromEntries(header.map((h, i) => [h, raw[i] ?? '']));
    const parsed = parse(cells, rowNo, deps.zone);
    if (!parsed.ok) for (const p of parsed.problems) report(p);
    else {
      const keys = parsed.record.ids.map(invoiceKey);
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
function impossibilities(
  record: LedgerRecord | TaxRecord,
  row: number,
  request: ImportRequest,
  now: Date,
): RowProblem[] {
  const dateColumn = request.source === 'ledger' ? 'issued_at' : '开票日期';
  const day = record.issuedAt.slice(0, 10);
  const problems: RowProblem[] = [];
  if (Date.parse(record.issuedAt) > now.getTime() + DAY_MS)
    problems.push({ row, column: dateColumn, code: 'future_date', value: record.issuedAt.slice(0, 16) });
  if ((request.coverFrom && day < request.coverFrom) || (request.coverTo && day > request.coverTo))
    problems.push({ row, column: dateColumn, code: 'outside_coverage', value: day });
  if (record.source === 'tax' && (record.positive ? record.total < 0 : record.total > 0))
    problems.push({ row, column: '是否正数发票', code: 'sign_mismatch', value: record.positive ? '是' : '否' });
  return problems;
}

function matches(r: LedgerRecord | TaxRecord, keep: NonNullable<ImportRequest['keep']>): boolean {
  const day = r.issuedAt.slice(0, 10);
  if (keep.type && !r.type.includes(keep.type)) return false;
  return (!keep.dayFrom || day >= keep.dayFrom) && (!keep.dayTo || day <= keep.dayTo);
}

async function store(
  deps: { store: InvoiceStore; clock: Clock },
  request: ImportRequest,
  records: Array<LedgerRecord | TaxRecord>,
): Promise<ImportSummary> {
  const now = deps.clock.now();
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
