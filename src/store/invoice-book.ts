import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { invoiceKey } from '../domain/identifier.js';
import type { Coverage, InvoicePair, LedgerRecord, TaxRecord } from '../domain/invoice.js';
import { mergeRecord } from '../domain/merge-record.js';
import { RecordLines } from '../domain/record-lines.js';
import { KeyList } from '../lib/key-list.js';
import { createSlicer } from '../lib/slicer.js';
import type { FindQuery, ImportChanges, InvoiceStore } from '../ports.js';
import type { InvoiceIndex, Staging } from './invoice-index.js';
import { JsonLines, LineRefs } from './json-lines.js';

const decoder = new TextDecoder();

async function putAll(index: InvoiceIndex, records: Array<LedgerRecord | TaxRecord>): Promise<void> {
  const source = records[0]?.source;
  if (source) await reserve(index, source, records.length);
  const pause = createSlicer();
  for (const [i, r] of records.entries()) {
    await pause(i);
    index.put(r);
  }
}

// Room for the whole batch first, one array at a time with a yield after each (see InvoiceIndex.reserveSteps).
async function reserve(index: InvoiceIndex, source: 'ledger' | 'tax', count: number): Promise<void> {
  for (const step of index.reserveSteps(source, count)) {
    step();
    await yieldToLoop();
  }
}

// Room for `count` staged records, made as InvoiceIndex.stagingSteps says, with a yield after each step.
async function stagingRoom(index: InvoiceIndex, staging: Staging, count: number): Promise<void> {
  for (const step of index.stagingSteps(staging, count)) {
    step();
    await yieldToLoop();
  }
}

// The first room a batch import's staging makes: the rest grows by doubling as records arrive.
const FIRST_STAGING_ROOM = 1 << 16;

// Staged records made visible, in order (the first `count`), once the index has room for their entries.
async function putStaged(index: InvoiceIndex, staging: Staging, count: number): Promise<void> {
  for (const step of index.entrySteps(count)) {
    step();
    await yieldToLoop();
  }
  const pause = createSlicer();
  for (let i = 0; i < count; i++) {
    const paused = pause(i);
    if (paused) await paused;
    index.putStaged(staging, i);
  }
}

// Batches of records as the import worker would have encoded them.
async function* encoded(batches: AsyncIterable<Array<LedgerRecord | TaxRecord>>): AsyncIterable<RecordLines> {
  for await (const batch of batches) yield RecordLines.of(batch);
}

// The lines of `log` filed under an issue day.
function refsOf(log: JsonLines, byDay: Map<string, LineRefs>, day: string): LineRefs {
  let refs = byDay.get(day);
  if (!refs) {
    refs = new LineRefs(log);
    byDay.set(day, refs);
  }
  return refs;
}

/** Records an import would write, handed to persistence before the index sees them. */
/** `meta`, when present, replaces what coverage.json says about imports (tax coverage and the last ledger import). */
/** `lines`, when present, holds more records to write as JSON lines by shard (`<source>/<YYYY-MM-DD>`). */
export type PendingWrite = {
  ledger: LedgerRecord[];
  tax: TaxRecord[];
  lines?: Map<string, LineRefs>;
  meta?: { imports: Coverage[]; ledger?: Coverage };
};

/** Persists a pending write; throws if it could not, so the import leaves memory untouched too. */
export type Persist = (write: PendingWrite) => Promise<void>;

/**
 * The invoice store's behaviour independent of where bytes go: merge, then persist, then index, then `indexed`.
 * The in-memory store passes a no-op `persist`; the lowdb store writes only the shards that changed, and after
 * indexing saves the index image (still inside the import's turn, so no other import changes the index meanwhile).
 */
export function createInvoiceBook(
  index: InvoiceIndex,
  coverage: Coverage[],
  persist: Persist,
  lastLedger?: Coverage,
  indexed: () => Promise<void> = async () => {},
): InvoiceStore {
  let ledgerImport = lastLedger;
  async function commit<R extends LedgerRecord | TaxRecord>(
    records: R[],
    now: Date,
  ): Promise<{ changes: ImportChanges; write: R[] }> {
    const changes: ImportChanges = { added: 0, changed: 0, unchanged: 0, touched: new KeyList() };
    const write: R[] = [];
    const seen = new Map<string, R>();
    const pause = createSlicer();
    for (const [i, incoming] of records.entries()) {
      await pause(i);
      const key = invoiceKey(incoming.ids[0] as NonNullable<R['ids'][number]>);
      const existing = seen.get(key) ?? (index.record(incoming.source, key) as R | undefined);
      const { record, change } = mergeRecord(existing, incoming, now);
      changes[change] += 1;
      if (change !== 'unchanged') {
        changes.touched.push(key);
        write.push(record);
        seen.set(key, record);
      }
    }
    return { changes, write };
  }

  // A batch import's merge: each record against the index as it stands (the ids of a validated file are distinct,
  // so no record of the batch can meet another). What changed is kept only as JSON lines outside the JS heap, in the
  // order it came (for the index), and referred to by shard (for the files). A record the index does not hold yet
  // (every record of a first import) is filed by its key and day and its JSON bytes copied as they came, never
  // parsed here; only a record that meets a stored one becomes an object, to be merged.
  async function commitLines(
    source: 'ledger' | 'tax',
    batches: AsyncIterable<RecordLines>,
    now: Date,
  ): Promise<{ changes: ImportChanges; lines: Map<string, LineRefs>; log: JsonLines; staging: Staging }> {
    // The keys touched, as bytes (KeyList): a million strings held through the import, and by the sync's report after
    // it, made every full garbage collection of the bot's heap walk them (pauses of 40-70 ms at 1M rows).
    const changes: ImportChanges = { added: 0, changed: 0, unchanged: 0, touched: new KeyList() };
    // By issue day while the records come (their days in no particular order: a shard's name made per record was a
    // string for the collector each time), by shard at the end.
    const byDay = new Map<string, LineRefs>();
    const log = new JsonLines();
    // Each record kept is staged in the index at once (see InvoiceIndex.stageLine: nothing a lookup sees changes),
    // while the worker is still checking the rest of the file: this thread mostly waits for the worker then, and the
    // indexing no longer waits for the last batch. A file refused part-way leaves its staged rows to the next import.
    const staging = index.staging(source, 0);
    const pause = createSlicer();
    let i = 0;
    // Records often come in order of their day: the last day's lines are at hand without a lookup.
    let lastDay = '';
    let lastRefs: LineRefs | undefined;
    for await (const batch of batches) {
      const { bytes, keys, days } = batch;
      // The batch's bytes become one of the log's buffers when a record of it is kept: no copy.
      let adopted = -1;
      let start = 0;
      if (log.count + keys.length > staging.count) {
        // Room for every record the stream says may come (a CSV's line count, known once its first batch is here),
        // made once; beyond that, or without it, room grows by doubling.
        const most = (batches as { readonly expected?: number }).expected ?? 0;
        const first = staging.count === 0 && most >= log.count + keys.length ? most : FIRST_STAGING_ROOM;
        await stagingRoom(index, staging, Math.max(first, 2 * staging.count, log.count + keys.length));
      }
      for (let j = 0; j < keys.length; j++) {
        const paused = pause(i++);
        if (paused) await paused;
        const end = bytes.indexOf(10, start) + 1;
        const key = keys[j] as string;
        const existing = index.record(source, key);
        if (!existing) {
          changes.added += 1;
          if (adopted < 0) adopted = log.adopt(bytes);
          log.appendAt(adopted, start, end - 1);
        } else {
          const incoming = JSON.parse(decoder.decode(bytes.subarray(start, end))) as LedgerRecord | TaxRecord;
          const { record, change } = mergeRecord(existing, incoming, now);
          changes[change] += 1;
          if (change === 'unchanged') {
            start = end;
            continue;
          }
          log.append(JSON.stringify(record));
        }
        start = end;
        const at = log.count - 1;
        const from = log.startOf(at);
        index.stageLine(staging, at, log.bufferOf(at), from, from + log.lengthOf(at));
        changes.touched.push(key);
        const day = days[j] as string;
        if (day !== lastDay || !lastRefs) {
          lastDay = day;
          lastRefs = refsOf(log, byDay, day);
        }
        lastRefs.addLast();
      }
    }
    const lines = new Map<string, LineRefs>();
    for (const [day, refs] of byDay) lines.set(`${source}/${day}`, refs);
    return { changes, lines, log, staging };
  }

  // One import at a time, whoever calls: each merges against the index as the previous one left it and writes its
  // shards alone, so two imports touching one day cannot each write back the shard without the other's records.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };

  // What an import writes: records, or (a batch import) JSON lines by shard and in the order they came, staged.
  type Written<R> = { records: R[] } | { lines: Map<string, LineRefs>; log: JsonLines; staging: Staging };
  const count = <R>(w: Written<R>) => ('records' in w ? w.records.length : w.log.count);
  const pending = <R extends LedgerRecord | TaxRecord>(source: R['source'], w: Written<R>) => ({
    ledger: source === 'ledger' && 'records' in w ? (w.records as LedgerRecord[]) : [],
    tax: source === 'tax' && 'records' in w ? (w.records as TaxRecord[]) : [],
    ...('lines' in w ? { lines: w.lines } : {}),
  });
  // Persists a write, then shows its records. A batch import's records were staged as they came (staging changes
  // nothing a lookup sees, so a write that fails leaves nothing to undo): they are shown once the shards are written.
  const persistAndPut = async <R extends LedgerRecord | TaxRecord>(write: PendingWrite, w: Written<R>) => {
    await persist(write);
    if ('records' in w) await putAll(index, w.records);
    else await putStaged(index, w.staging, w.log.count);
  };

  async function storeLedger(written: Written<LedgerRecord>, meta: Coverage | undefined): Promise<void> {
    if (count(written) === 0 && !meta) return;
    await persistAndPut(
      {
        ...pending('ledger', written),
        ...(meta ? { meta: { imports: [...coverage], ledger: meta } } : {}),
      },
      written,
    );
    if (meta) ledgerImport = meta;
    if (count(written) > 0) await indexed();
  }

  async function storeTax(written: Written<TaxRecord>, cover: Coverage | undefined): Promise<void> {
    // A filtered import (one invoice type) says nothing about which days the tax data covers.
    if (!cover) {
      await persistAndPut(pending('tax', written), written);
      if (count(written) > 0) await indexed();
      return;
    }
    const known = coverage.some(
      (c) => c.from === cover.from && c.to === cover.to && c.file === cover.file && c.rows === cover.rows,
    );
    // Re-importing the same file still refreshes "last synced": the data was confirmed current.
    const nextCoverage = known
      ? coverage.map((c) => (c.from === cover.from && c.to === cover.to && c.file === cover.file ? cover : c))
      : [...coverage, cover];
    await persistAndPut(
      {
        ...pending('tax', written),
        meta: { imports: nextCoverage, ...(ledgerImport ? { ledger: ledgerImport } : {}) },
      },
      written,
    );
    coverage.splice(0, coverage.length, ...nextCoverage);
    if (count(written) > 0) await indexed();
  }

  async function importLines(
    source: 'ledger' | 'tax',
    batches: AsyncIterable<RecordLines>,
    now: Date,
    meta: () => Coverage | undefined,
  ): Promise<ImportChanges> {
    const { changes, lines, log, staging } = await commitLines(source, batches, now);
    if (source === 'ledger') await storeLedger({ lines, log, staging }, meta());
    else await storeTax({ lines, log, staging }, meta());
    return changes;
  }

  return {
    get: async (id): Promise<InvoicePair> => index.pair(id),
    has: async (id) => index.has(id),
    known: async (ids) => ids.filter((id) => index.has(id)),
    byNumber8: async (n) => index.byNumber8(n),
    reversedBy: async (id) => index.reversedBy(id),
    find: async (query: FindQuery, limit) => index.find(query, limit),
    coverage: async () => [...coverage],
    // The three reads of a lookup in one call: one promise per slash command instead of three and their Promise.all.
    lookup: async (id) => ({ pair: index.pair(id), coverage: [...coverage], reversedBy: index.reversedBy(id) }),
    counts: async () => index.counts(),
    missingFromTax: async () => index.missingFromTax(),
    lastLedgerImport: async () => ledgerImport,
    importLedger: (records, now, meta) =>
      exclusive(async () => {
        const { changes, write } = await commit(records, now);
        await storeLedger({ records: write }, meta);
        return changes;
      }),
    importTax: (records, cover, now) =>
      exclusive(async () => {
        const { changes, write } = await commit(records, now);
        await storeTax({ records: write }, cover);
        return changes;
      }),
    importBatches: (source, batches, now, meta) => exclusive(() => importLines(source, encoded(batches), now, meta)),
    importLines: (source, batches, now, meta) => exclusive(() => importLines(source, batches, now, meta)),
  };
}
