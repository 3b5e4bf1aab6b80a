import { invoiceKey } from '../domain/identifier.js';
import type { Coverage, InvoicePair, LedgerRecord, TaxRecord } from '../domain/invoice.js';
import { mergeRecord } from '../domain/merge-record.js';
import type { FindQuery, ImportChanges, InvoiceStore } from '../ports.js';
import type { InvoiceIndex } from './invoice-index.js';

/** Records an import would write, handed to persistence before the index sees them. */
export type PendingWrite = { ledger: LedgerRecord[]; tax: TaxRecord[]; coverage: Coverage[] };

/** Persists a pending write; throws if it could not, so the import leaves memory untouched too. */
export type Persist = (write: PendingWrite) => Promise<void>;

/**
 * The invoice store's behaviour independent of where bytes go: merge, then persist, then index.
 * The in-memory store passes a no-op `persist`; the lowdb store writes only the shards that changed.
 */
export function createInvoiceBook(index: InvoiceIndex, coverage: Coverage[], persist: Persist): InvoiceStore {
  function commit<R extends LedgerRecord | TaxRecord>(records: R[], now: Date): { changes: ImportChanges; write: R[] } {
    const changes: ImportChanges = { added: 0, changed: 0, unchanged: 0 };
    const write: R[] = [];
    const seen = new Map<string, R>();
    for (const incoming of records) {
      const key = invoiceKey(incoming.ids[0] as NonNullable<R['ids'][number]>);
      const existing = seen.get(key) ?? (index.record(incoming.source, key) as R | undefined);
      const { record, change } = mergeRecord(existing, incoming, now);
      changes[change] += 1;
      if (change !== 'unchanged') {
        write.push(record);
        seen.set(key, record);
      }
    }
    return { changes, write };
  }

  return {
    get: (id): InvoicePair => index.pair(id),
    has: (id) => index.has(id),
    byNumber8: (n) => index.byNumber8(n),
    reversedBy: (id) => index.reversedBy(id),
    find: (query: FindQuery, limit) => index.find(query, limit),
    coverage: () => [...coverage],
    counts: () => index.counts(),
    async importLedger(records, now) {
      const { changes, write } = commit(records, now);
      if (write.length > 0) {
        await persist({ ledger: write, tax: [], coverage: [] });
        for (const r of write) index.put(r);
      }
      return changes;
    },
    async importTax(records, cover, now) {
      const { changes, write } = commit(records, now);
      const known = coverage.some(
        (c) => c.from === cover.from && c.to === cover.to && c.file === cover.file && c.rows === cover.rows,
      );
      // Re-importing the same file still refreshes "last synced": the data was confirmed current.
      const nextCoverage = known
        ? coverage.map((c) => (c.from === cover.from && c.to === cover.to && c.file === cover.file ? cover : c))
        : [...coverage, cover];
      await persist({ ledger: [], tax: write, coverage: nextCoverage });
      for (const r of write) index.put(r);
      coverage.splice(0, coverage.length, ...nextCoverage);
      return changes;
    },
  };
}
