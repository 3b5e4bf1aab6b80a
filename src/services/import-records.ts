import type { DeductionRecord } from '../domain/deduction-record.js';
import type { ImportSource } from '../domain/import-source.js';
import type { Coverage, LedgerRecord, TaxRecord } from '../domain/invoice.js';
import type { RecordLines } from '../domain/record-lines.js';
import {
  checkOutcome,
  type ImportError,
  type ImportedRecord,
  type RowCheck,
  RowValidator,
} from '../domain/row-validator.js';
import { RowsRefused } from '../domain/rows-refused.js';
import { KeyList } from '../lib/key-list.js';
import { err, ok, type Result } from '../lib/result.js';
import { createSlicer } from '../lib/slicer.js';
import { UnreadableFileError } from '../lib/unreadable-file-error.js';
import type { CheckedRows, Clock, DeductionStore, ImportChanges, ImportRows, InvoiceStore } from '../ports.js';

export type { ImportError, ImportSource };

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

/** Input of an import: the rows as cell arrays, header first (a file on disk checks itself on a worker thread). */
export type ImportRequest = {
  source: ImportSource;
  file: string;
  rows: ImportRows;
  coverFrom?: string;
  coverTo?: string;
  /** Validate every row but store nothing (a sync checks all its files before writing any). */
  dryRun?: boolean;
  /** The period (`YYYY-MM`) a deduction-selection export was taken for; by default the one open at import time. */
  period?: string;
  /** Keep only matching records (a sync limited to one invoice type or an issue-date range). */
  keep?: { type?: string; dayFrom?: string; dayTo?: string };
};

type AnyRecord = ImportedRecord;

/**
 * Validates every row of a ledger or tax file and stores them all, or, if any row is invalid, stores nothing and
 * reports each problem with its row number and column. Re-importing the same file changes nothing. A file that can
 * check itself (`rows.check`, a file on disk) is read, parsed and validated on a worker thread, so a running bot's
 * event loop stays free meanwhile; its records reach this thread in batches, for a store that takes batches while
 * the rest of the file is still being checked (`rows.stream`, discarded if a later row is invalid), otherwise once
 * every row is valid.
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

async function validateAndStore(deps: ImportDeps, request: ImportRequest): Promise<Result<ImportSummary, ImportError>> {
  const check: RowCheck = {
    source: request.source,
    zone: deps.zone,
    now: deps.clock.now().getTime(),
    ...(request.coverFrom ? { coverFrom: request.coverFrom } : {}),
    ...(request.coverTo ? { coverTo: request.coverTo } : {}),
  };
  const keepRecords = !request.dryRun;
  const stream = request.rows.stream;
  const source = request.source;
  // A sync limited to some records filters objects: it takes the batches below.
  if (stream && keepRecords && !request.keep && source !== 'deduction' && deps.store.importLines) {
    // Stored as they are checked: the store stages the batches and writes nothing until the last one was taken, so
    // a file refused part-way leaves everything as it was.
    try {
      const now = deps.clock.now();
      const span = new Span();
      const changes = await deps.store.importLines(source, spanned(stream(check), span), now, () =>
        span.meta(request, now),
      );
      return ok({ source, rows: span.rows, ...changes, ...span.range(request) });
    } catch (error) {
      if (error instanceof RowsRefused) return err(error.reason);
      throw error;
    }
  }
  const checked = request.rows.check
    ? await request.rows.check(check, keepRecords)
    : await checkInProcess(request.rows, check, keepRecords);
  if (!checked.ok) return checked;
  if (request.dryRun)
    return ok({
      source: request.source,
      rows: checked.value.records,
      added: 0,
      changed: 0,
      unchanged: 0,
      touched: new KeyList(),
    });
  return ok(await store(deps, request, checked.value.batches));
}

// The same checks in this process, for rows that cannot check themselves; parsing yields to the event loop every few
// milliseconds.
async function checkInProcess(
  rows: AsyncIterable<string[]>,
  check: RowCheck,
  keepRecords: boolean,
): Promise<Result<CheckedRows, ImportError>> {
  const validator = new RowValidator(check);
  const records: AnyRecord[] = [];
  const pause = createSlicer();
  for await (const raw of rows) {
    const record = validator.add(raw);
    if (validator.stopped) break;
    if (record && keepRecords && validator.problemCount === 0) records.push(record);
    await pause(validator.rows);
  }
  const error = checkOutcome(validator);
  if (error) return err(error);
  return ok({ records: Math.max(0, validator.rows - 1), batches: oneBatch(records) });
}

async function* oneBatch(records: AnyRecord[]): AsyncIterable<AnyRecord[]> {
  yield records;
}

function matches(r: AnyRecord, keep: NonNullable<ImportRequest['keep']>): boolean {
  const day = r.issuedAt.slice(0, 10);
  if (keep.type && !r.type.includes(keep.type)) return false;
  return (!keep.dayFrom || day >= keep.dayFrom) && (!keep.dayTo || day <= keep.dayTo);
}

// The batches as they pass to the store, their issue days counted in `span`; what the stream says of how many
// records it will bring at most (`expected`, see ImportWorker.stream) passes through, for the store to size its room.
function spanned(
  batches: AsyncIterable<RecordLines> & { readonly expected?: number },
  span: Span,
): AsyncIterable<RecordLines> & { readonly expected?: number } {
  return {
    get expected() {
      return batches.expected;
    },
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches) {
        for (const day of batch.days) span.addDay(day);
        yield batch;
      }
    },
  };
}

// Which issue days the records stored span, and how many they are; followed as they pass.
class Span {
  rows = 0;
  first: string | undefined;
  last: string | undefined;

  add(r: AnyRecord): void {
    this.addDay(r.issuedAt.slice(0, 10));
  }

  addDay(day: string): void {
    this.rows += 1;
    if (!this.first || day < this.first) this.first = day;
    if (!this.last || day > this.last) this.last = day;
  }

  // The days the import says it covers: as declared, as the sync limited it, or as its records span.
  range(request: ImportRequest): { from?: string; to?: string } {
    const from = request.coverFrom ?? request.keep?.dayFrom ?? this.first;
    const to = request.coverTo ?? request.keep?.dayTo ?? this.last;
    return from && to ? { from, to } : {};
  }

  // The ledger import's record or the tax coverage; none for a tax import limited to one invoice type.
  meta(request: ImportRequest, now: Date): Coverage | undefined {
    if (request.source === 'tax' && request.keep?.type) return undefined;
    const { from = '', to = '' } = this.range(request);
    return { from, to, importedAt: now.toISOString(), file: request.file, rows: this.rows };
  }
}

async function store(
  deps: ImportDeps,
  request: ImportRequest,
  batches: AsyncIterable<AnyRecord[]>,
): Promise<ImportSummary> {
  const now = deps.clock.now();
  const keep = request.keep;
  const span = new Span();
  // The records the sync keeps, counted as they pass to the store.
  async function* kept(): AsyncIterable<Array<LedgerRecord | TaxRecord>> {
    for await (const batch of batches) {
      const chosen = (keep ? batch.filter((r) => matches(r, keep)) : batch) as Array<LedgerRecord | TaxRecord>;
      for (const r of chosen) span.add(r);
      yield chosen;
    }
  }
  const source = request.source;
  if (source !== 'deduction' && deps.store.importBatches) {
    // The store takes the records as they come: they are never all objects on this thread at once.
    const changes = await deps.store.importBatches(source, kept(), now, () => span.meta(request, now));
    return { source, rows: span.rows, ...changes, ...span.range(request) };
  }
  const records: AnyRecord[] = [];
  const pause = createSlicer();
  for await (const batch of kept()) {
    for (const r of batch) records.push(r);
    await pause(0);
  }
  if (source === 'deduction') {
    // A programming error, not a user's: every caller that accepts deduction files passes the store.
    if (!deps.deductions) throw new Error('a deduction-selection import needs the deduction store');
    const period = request.period ?? deps.deductions.period(now);
    const changes = await deps.deductions.store.importSelections(
      records as DeductionRecord[],
      { file: request.file, period },
      now,
    );
    return { source: 'deduction', rows: records.length, ...changes, period };
  }
  const meta = span.meta(request, now);
  const changes =
    source === 'ledger'
      ? await deps.store.importLedger(records as LedgerRecord[], now, meta)
      : await deps.store.importTax(records as TaxRecord[], meta, now);
  return { source, rows: records.length, ...changes, ...span.range(request) };
}
