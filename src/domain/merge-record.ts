import { isDeepStrictEqual } from 'node:util';
import type { LedgerRecord, TaxRecord } from './invoice.js';

type AnyRecord = LedgerRecord | TaxRecord;

function statusOf(record: AnyRecord): string {
  return record.source === 'ledger' ? record.erpStatus : record.statusLabel;
}

// Deep equality ignoring key order: records read back from disk may list their keys differently.
function sameFacts(a: AnyRecord, b: AnyRecord): boolean {
  return isDeepStrictEqual({ ...a, history: [] }, { ...b, history: [] });
}

/**
 * Folds a freshly imported record into the stored one: identical data changes nothing (so re-importing a file
 * is a no-op), and a new status is appended to the history rather than overwriting it silently.
 * @example mergeRecord(undefined, rec, now).change // 'added'
 */
export function mergeRecord<R extends AnyRecord>(
  existing: R | undefined,
  incoming: R,
  now: Date,
): { record: R; change: 'added' | 'changed' | 'unchanged' } {
  if (!existing) return { record: incoming, change: 'added' };
  if (sameFacts(existing, incoming)) return { record: existing, change: 'unchanged' };
  const from = statusOf(existing);
  const to = statusOf(incoming);
  const history = from === to ? existing.history : [...existing.history, { at: now.toISOString(), from, to }];
  return { record: { ...incoming, history }, change: 'changed' };
}
