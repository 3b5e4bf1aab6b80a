/** Why a whole file could not be read, as opposed to a row that did not validate. */
export type UnreadableReason =
  | 'unclosed_quote'
  | 'bad_quote'
  | 'not_xlsx'
  | 'bad_encoding'
  | 'line_too_long'
  | 'cell_too_long'
  | 'too_many_rows'
  | 'too_large'
  | 'xlsx_too_large'
  | 'xlsx_shared_strings'
  | 'xlsx_zip_bomb';

/**
 * Thrown by a file reader when the file cannot be read at all; `row` is the 1-based row as a spreadsheet shows it,
 * where known. Importers turn it into a specific answer instead of "something went wrong".
 */
export class UnreadableFileError extends Error {
  constructor(
    readonly reason: UnreadableReason,
    readonly row?: number,
  ) {
    super(`unreadable file: ${reason}${row ? ` at row ${row}` : ''}`);
    this.name = 'UnreadableFileError';
  }
}
