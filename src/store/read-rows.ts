import { extname } from 'node:path';
import type { ImportRows } from '../ports.js';
import { checkFileInWorker, streamFileInWorker } from './check-file-in-worker.js';
import { CSV_LIMITS, countCsvLines, readCsvBatches, readCsvRows } from './csv-file.js';
import { readXlsxRows } from './xlsx-file.js';

/** The file formats an import accepts. */
export const IMPORT_EXTENSIONS = ['.csv', '.xlsx'] as const;

/**
 * Rows of a CSV or XLSX file, chosen by extension; undefined for any other kind of file. Iterated, they are read in
 * this thread; an import calls their `check` or `stream`, which read and validate the file on a worker thread instead.
 * @example readRows('export.xlsx') // rows of the first worksheet
 */
export function readRows(file: string): ImportRows | undefined {
  const ext = extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') return undefined;
  return {
    [Symbol.asyncIterator]: () => (ext === '.csv' ? readCsvRows(file) : readXlsxRows(file))[Symbol.asyncIterator](),
    check: (check, keepRecords) => checkFileInWorker(file, check, keepRecords),
    stream: (check) => streamFileInWorker(file, check),
  };
}

/**
 * The rows of a CSV or XLSX file in batches (a CSV's as each read completes them, a workbook's one by one), for the
 * import worker's loop; nothing for any other kind of file.
 */
export async function* readRowBatches(file: string): AsyncIterable<string[][]> {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') yield* readCsvBatches(file);
  else if (ext === '.xlsx') for await (const row of readXlsxRows(file)) yield [row];
}

/**
 * At most how many rows after the header a file holds, when that is cheap to know (a CSV's line breaks, counted
 * without decoding), else undefined: what an importer sizes its room by before the rows arrive.
 */
export async function mostRows(file: string): Promise<number | undefined> {
  if (extname(file).toLowerCase() !== '.csv') return undefined;
  // More rows than the limit are refused (too_many_rows) whatever the count says: no room is made for them.
  return Math.min(CSV_LIMITS.rows, Math.max(0, (await countCsvLines(file)) - 1));
}
