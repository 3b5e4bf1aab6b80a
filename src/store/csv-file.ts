import { createReadStream } from 'node:fs';
import { UnreadableFileError } from '../lib/unreadable-file-error.js';
import { CsvParser } from './csv-parser.js';

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

/**
 * How many line breaks (LF, or CR not followed by LF) a CSV file holds, plus one if its last line has none: at least
 * as many as its rows, the header included (a quoted cell may hold line breaks; empty lines count too). One read of
 * the file, no decoding: an importer sizes its room from it before the rows arrive.
 */
export async function countCsvLines(file: string): Promise<number> {
  let lines = 0;
  let last = -1;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
    for (let at = chunk.indexOf(13); at !== -1; at = chunk.indexOf(13, at + 1))
      if (chunk[at + 1] !== 10 && !(at + 1 === chunk.length)) lines += 1;
    // A CR that ends a chunk is a line break of its own unless the next chunk starts with LF: counted there.
    if (last === 13 && chunk[0] !== 10) lines += 1;
    last = chunk[chunk.length - 1] ?? -1;
  }
  return last === -1 || last === 10 ? lines : lines + 1;
}

/**
 * Streams a CSV file (UTF-8 with or without BOM, or GBK/GB18030) as arrays of cells, header included. Rows with the
 * wrong number of cells are passed on, not dropped, so the importer can report them by row number. A file that
 * cannot be read — an unclosed quote, an over-long line or cell, too many rows, an unknown encoding — raises
 * {@link UnreadableFileError} naming the row.
 */
export async function* readCsvRows(file: string, limits: CsvLimits = CSV_LIMITS): AsyncIterable<string[]> {
  for await (const rows of readCsvBatches(file, limits)) yield* rows;
}

/**
 * The rows of {@link readCsvRows} a few hundred at a time, as each read of the file completes them: what a loop that
 * checks millions of rows iterates, one promise per batch instead of one per row.
 */
export async function* readCsvBatches(file: string, limits: CsvLimits = CSV_LIMITS): AsyncIterable<string[][]> {
  const encoding = await detectCsvEncoding(file);
  // The decoder drops a UTF-8 byte order mark.
  const text = new TextDecoder(encoding);
  const parser = new CsvParser(limits.lineChars);
  let row = 0;
  const checked = (rows: string[][]) => {
    for (const cells of rows) {
      row += 1;
      if (row > limits.rows) throw new UnreadableFileError('too_many_rows', row);
      for (const cell of cells) if (cell.length > limits.cellChars) throw new UnreadableFileError('cell_too_long', row);
    }
    return rows;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 18 }) as AsyncIterable<Buffer>) {
    const rows = parser.push(text.decode(chunk, { stream: true }));
    if (rows.length > 0) yield checked(rows);
  }
  const last = [...parser.push(text.decode()), ...parser.end()];
  if (last.length > 0) yield checked(last);
}
