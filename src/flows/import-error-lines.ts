import type { Catalog } from '../i18n/catalog.js';
import type { ImportError } from '../services/import-records.js';

/**
 * Why an import file was refused, one line per problem (at most `shown` rows, then "… and N more"), in the
 * catalog's language. Shared by the sync reply, a rejected file's `.problems.txt` and the import CLI.
 */
export function importErrorLines(t: Catalog, error: ImportError, shown = 20): string[] {
  if (error.code === 'empty_file') return [t.import.empty];
  if (error.code === 'unreadable') return [t.import.unreadable(error.reason, error.row)];
  const lines = error.problems.slice(0, shown).map((p) => t.import.row(p.row, p.column, t.rowProblem(p.code), p.value));
  if (error.problemCount > lines.length) lines.push(t.import.more(error.problemCount - lines.length));
  return lines;
}

/** How many problems an import error stands for. */
export function importProblemCount(error: ImportError): number {
  return error.code === 'invalid_rows' ? error.problemCount : 1;
}
