/** Why one cell of an import file was refused. Adapters turn the code into words in the user's language. */
export type RowProblemCode =
  | 'bad_header'
  | 'wrong_column_count'
  | 'missing'
  | 'bad_identifier'
  | 'bad_date'
  | 'bad_amount'
  | 'total_mismatch'
  | 'bad_status'
  | 'bad_tax_id'
  | 'bad_user_id'
  | 'bad_flag'
  | 'bad_lock_flag'
  | 'deductible_exceeds_tax'
  | 'duplicate_in_file'
  | 'future_date'
  | 'outside_coverage'
  | 'sign_mismatch';

/** One refused cell: 1-based row number as a spreadsheet shows it (the header is row 1). */
export type RowProblem = { row: number; column: string; code: RowProblemCode; value: string };
