import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { UnreadableFileError } from '../lib/unreadable-file-error.js';

/** Limits that keep one hostile or broken CSV from holding the bot's memory or loop. */
export type CsvLimits = { lineChars: number; cellChars: number; rows: number };

/** Far above any real export (a ledger row is ~300 characters; the biggest month ~200k rows). */
export const CSV_LIMITS: CsvLimits = { lineChars: 16_384, cellChars: 2_000, rows: 2_000_000 };

/** The text encodings an export arrives in: Excel in China saves CSV as GBK/GB18030 unless told otherwise. */
export type CsvEncoding = 'utf-8' | 'gb18030';

/**
 * Decides a CSV file's encoding by reading it once: a UTF-8 BOM or bytes that are valid UTF-8 mean UTF-8,
 * anything else is tried as GB18030 (a superset of GBK). A file that is neither, or holds NUL bytes (UTF-16, a
 * binary file renamed .csv), is refused as `bad_encoding`.
 */
export async function detectCsvEncoding(file: string): Promise<CsvEncoding> {
  if (await decodes(file, 'utf-8')) return 'utf-8';
  if (await decodes(file, 'gb18030')) return 'gb18030';
  throw new UnreadableFileError('bad_encoding');
}

// Streams the whole file through a strict decoder; NUL bytes never occur in a CSV in either encoding.
async function decodes(file: string, encoding: CsvEncoding): Promise<boolean> {
  const text = new TextDecoder(encoding, { fatal: true });
  try {
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      if (chunk.includes(0)) throw new UnreadableFileError('bad_encoding');
      text.decode(chunk, { stream: true });
    }
    text.decode();
    return true;
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    return false;
  }
}

function decoder(encoding: CsvEncoding): Transform {
  const text = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, text.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, text.decode());
    },
  });
}

/**
 * Streams a CSV file (UTF-8 with or without BOM, or GBK/GB18030) as arrays of cells, header included. Rows with the
 * wrong number of cells are passed on, not dropped, so the importer can report them by row number. A file that
 * cannot be read — an unclosed quote, an over-long line or cell, too many rows, an unknown encoding — raises
 * {@link UnreadableFileError} naming the row.
 */
export async function* readCsvRows(file: string, limits: CsvLimits = CSV_LIMITS): AsyncIterable<string[]> {
  const encoding = await detectCsvEncoding(file);
  const parser = createReadStream(file)
    .pipe(decoder(encoding))
    .pipe(
      parse({
        bom: true,
        relax_column_count: true,
        skip_empty_lines: true,
        relax_quotes: false,
        max_record_size: limits.lineChars,
      }),
    );
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      if (row > limits.rows) throw new UnreadableFileError('too_many_rows', row);
      if (record.some((cell) => cell.length > limits.cellChars)) throw new UnreadableFileError('cell_too_long', row);
      yield record;
    }
  } catch (error) {
    parser.destroy();
    throw translate(error, row + 1);
  }
}

// csv-parse's codes, turned into the reasons a finance lead can act on; the row is the one being read.
function translate(error: unknown, row: number): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return new UnreadableFileError('unclosed_quote', row);
  if (code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE')
    return new UnreadableFileError('bad_quote', row);
  if (code === 'CSV_MAX_RECORD_SIZE') return new UnreadableFileError('line_too_long', row);
  return error;
}
