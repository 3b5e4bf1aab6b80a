import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

/**
 * Streams a UTF-8 CSV file (BOM allowed) as arrays of cells, header included. Rows with the wrong number of
 * cells are passed on, not dropped, so the importer can report them by row number.
 */
export function readCsvRows(file: string): AsyncIterable<string[]> {
  return createReadStream(file).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: false }),
  );
}
