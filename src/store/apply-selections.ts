import { isDeepStrictEqual } from 'node:util';
import type { DeductionEntry, DeductionImport, DeductionRecord } from '../domain/deduction-record.js';
import { invoiceKey } from '../domain/identifier.js';
import { KeyList } from '../lib/key-list.js';
import type { ImportChanges } from '../ports.js';

/** What a deduction store holds: the selection per invoice key, and its imports, oldest first. */
export type Selections = { entries: ReadonlyMap<string, DeductionEntry>; imports: readonly DeductionImport[] };

// Enough history to answer "when was the last export?" and to see a few periods back; the file stays small.
const KEEP_IMPORTS = 24;

/**
 * The selections after one export: each row replaces its invoice's entry (a row that says what the entry already
 * said counts as unchanged, but is re-dated to this import, since the export confirms it as of now). Pure: the
 * adapters write the result in one step, so an import is all-or-nothing.
 * @example applySelections(empty, [record], { file: 'a.csv', period: '2026-11' }, now).changes.added // 1
 */
export function applySelections(
  current: Selections,
  records: readonly DeductionRecord[],
  source: { file: string; period: string },
  now: Date,
): { next: Selections; changes: ImportChanges } {
  const importedAt = now.toISOString();
  const entries = new Map(current.entries);
  const changes: ImportChanges = { added: 0, changed: 0, unchanged: 0, touched: new KeyList() };
  for (const record of records) {
    const key = invoiceKey(record.id);
    const before = entries.get(key);
    entries.set(key, { record, period: source.period, importedAt, file: source.file });
    if (!before) changes.added += 1;
    else if (before.period === source.period && isDeepStrictEqual(before.record, record)) {
      changes.unchanged += 1;
      continue;
    } else changes.changed += 1;
    changes.touched.push(key);
  }
  const imports = [...current.imports, { importedAt, file: source.file, rows: records.length, period: source.period }];
  return { next: { entries, imports: imports.slice(-KEEP_IMPORTS) }, changes };
}
