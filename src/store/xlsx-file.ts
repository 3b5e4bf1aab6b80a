import { open } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import { UnreadableFileError } from '../lib/unreadable-file-error.js';
import { CSV_LIMITS } from './csv-file.js';
import { checkXlsxZip } from './xlsx-zip-limits.js';

// An .xlsx file is a zip archive; anything else renamed .xlsx (an old .xls, a CSV, an HTML "export") is not one.
async function isZip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // Excel stores wall-clock date-times without a zone; exceljs hands them over as UTC, so read the UTC fields.
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

/**
 * Streams the first worksheet of an `.xlsx` file (the e-tax bureau's export format) as arrays of cell texts,
 * header included, without loading the whole workbook into memory. The zip's declared sizes are checked first
 * ({@link checkXlsxZip}); rows and cells have the CSV limits.
 */
export async function* readXlsxRows(file: string): AsyncIterable<string[]> {
  if (!(await isZip(file))) throw new UnreadableFileError('not_xlsx');
  await checkXlsxZip(file);
  let rows = 0;
  try {
    for await (const row of workbookRows(file)) {
      rows += 1;
      // The same ceilings as a CSV export: one row and one cell are never larger in a workbook.
      if (rows > CSV_LIMITS.rows) throw new UnreadableFileError('too_many_rows', rows);
      if (row.some((cell) => cell.length > CSV_LIMITS.cellChars)) throw new UnreadableFileError('cell_too_long', rows);
      yield row;
    }
  } catch (error) {
    // A zip that is not a workbook, or a damaged one: exceljs fails with internal messages nobody can act on.
    if (error instanceof UnreadableFileError) throw error;
    throw rows === 0 ? new UnreadableFileError('not_xlsx') : error;
  }
}

async function* workbookRows(file: string): AsyncIterable<string[]> {
  // Loaded on first use: ExcelJS takes over half a second to import, and most runs (and tests) never read an XLSX.
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(file, {
    entries: 'emit',
    sharedStrings: 'cache',
    worksheets: 'emit',
    styles: 'cache',
  });
  for await (const sheet of reader) {
    let width = 0;
    for await (const row of sheet) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
      if (width === 0) width = values.length;
      // Trailing empty cells are not stored in xlsx; pad to the header's width so columns stay aligned.
      while (values.length < width) values.push('');
      if (values.some((v) => v.trim() !== '')) yield values;
    }
    return;
  }
}
