import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { invoiceKey } from '../domain/identifier.js';
import type { Coverage, InvoicePair, LedgerRecord, TaxRecord } from '../domain/invoice.js';
import { mergeRecord } from '../domain/merge-record.js';
import { createSlicer } from '../lib/slicer.js';
import type { FindQuery, ImportChanges, InvoiceStore } from '../ports.js';
import type { InvoiceIndex } from './invoice-index.js';

async function putAll(index: InvoiceIndex, records: Array<LedgerRecord | TaxRecord>): Promise<void> {
  // Room for the whole batch first, one array at a time with a yield after each (see InvoiceIndex.reserveSteps).
  const source = records[0]?.source;
  for (const step of source ? index.reserveSteps(source, records.length) : []) {
    step();
    await yieldToLoop();
  }
  const pause = createSlicer();
  for (const [i, r] of records.entries()) {
    await pause(i);
    index.put(r);
  }
}

/** Records an import would write, handed to persistence before the index sees them. */
/** `meta`, when present, replaces what coverage.json says about imports (tax coverage and the last ledger import). */
export type PendingWrite = {
  ledger: LedgerRecord[];
  tax: TaxRecord[];
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
    const changes: ImportChanges = { added: 0, changed: 0, unchanged: 0, touched: [] };
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

  // One import at a time, whoever calls: each merges against the index as the previous one left it and writes its
  // shards alone, so two imports touching one day cannot each write back the shard without the other's records.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };

  return {
    get: async (id): Promise<InvoicePair> => index.pair(id),
    has: async (id) => index.has(id),
    known: async (ids) => ids.filter((id) => index.has(id)),
    byNumber8: async (n) => index.byNumber8(n),
    reversedBy: async (id) => index.reversedBy(id),
    find: async (query: FindQuery, limit) => index.find(query, limit),
    coverage: async () => [...coverage],
    counts: async () => index.counts(),
    missingFromTax: async () => index.missingFromTax(),
    lastLedgerImport: async () => ledgerImport,
    importLedger: (records, now, meta) =>
      exclusive(async () => {
        const { changes, write } = await commit(records, now);
        if (write.length > 0 || meta) {
          await persist({
            ledger: write,
            tax: [],
            ...(meta ? { meta: { imports: [...coverage], ledger: meta } } : {}),
          });
          await putAll(index, write);
          if (meta) ledgerImport = meta;
          if (write.length > 0) await indexed();
        }
        return changes;
      }),
    importTax: (records, cover, now) =>
      exclusive(async () => {
        const { changes, write } = await commit(records, now);
        // A filtered import (one invoice type) says nothing about which days the tax data covers.
        if (!cover) {
          await persist({ ledger: [], tax: write });
          await putAll(index, write);
          if (write.length > 0) await indexed();
          return changes;
        }
        const known = coverage.some(
          (c) => c.from === cover.from && c.to === cover.to && c.file === cover.file && c.rows === cover.rows,
        );
        // Re-importing the same file still refreshes "last synced": the data was confirmed current.
        const nextCoverage = known
          ? coverage.map((c) => (c.from === cover.from && c.to === cover.to && c.file === cover.file ? cover : c))
          : [...coverage, cover];
        await persist({
          ledger: [],
          tax: write,
          meta: { imports: nextCoverage, ...(ledgerImport ? { ledger: ledgerImport } : {}) },
        });
        await putAll(index, write);
        coverage.splice(0, coverage.length, ...nextCoverage);
        if (write.length > 0) await indexed();
        return changes;
      }),
  };
}
