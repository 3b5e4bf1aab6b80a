import { extname } from 'node:path';
import { readCsvRows } from './csv-file.js';
import { readXlsxRows } from './xlsx-file.js';

/** The file formats an import accepts. */
export const IMPORT_EXTENSIONS = ['.csv', '.xlsx'] as const;

/**
 * Rows of a CSV or XLSX file, chosen by extension; undefined for any other kind of file.
 * @example readRows('export.xlsx') // rows of the first worksheet
 */
export function readRows(file: string): AsyncIterable<string[]> | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return readCsvRows(file);
  if (ext === '.xlsx') return readXlsxRows(file);
  return undefined;
}
