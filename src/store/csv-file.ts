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

const LF = 10;
const CR = 13;
// Never part of a multi-byte character in UTF-8 or GB18030 (their trail bytes are 0x80+, or 0x30-0x39 and 0x40+).
const QUOTE = 34;

// Whether a line whose terminator comes right after the byte `before` (-1: the file's start) holds any text.
function hasText(before: number): boolean {
  return before !== LF && before !== CR && before !== -1;
}

/**
 * How many lines with text (ended by LF, CRLF or CR, or by the end of the file) a CSV file holds: at least as many as
 * its rows, the header included. Empty lines are not counted, nor line breaks inside a quoted cell: neither makes a
 * row, and an importer sizes its room from this count before the rows arrive, so a file padded with millions of line
 * breaks (between its rows or inside their cells) must not pass for a big one. One read of the file, no decoding.
 */
export async function countCsvLines(file: string): Promise<number> {
  let lines = 0;
  // The last two bytes of the reads before this one (-1: the file's start), for a line that ends near a read's start.
  let last = -1;
  let beforeLast = -1;
  // Inside a quoted cell: the parser refuses a quote anywhere else, so each quote opens or closes one ("" twice).
  let quoted = false;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const byte = (i: number) => (i >= 0 ? (chunk[i] as number) : i === -1 ? last : beforeLast);
    // A CR that ended the last read, outside quotes, ends a line unless this read starts with its LF.
    if (last === CR && !quoted && chunk[0] !== LF && hasText(beforeLast)) lines += 1;
    // The quotes and line breaks in order, each found by indexOf.
    let quote = chunk.indexOf(QUOTE);
    let lf = chunk.indexOf(LF);
    let cr = chunk.indexOf(CR);
    for (;;) {
      const i = Math.min(quote < 0 ? chunk.length : quote, lf < 0 ? chunk.length : lf, cr < 0 ? chunk.length : cr);
      if (i === chunk.length) break;
      if (i === quote) {
        quoted = !quoted;
        quote = chunk.indexOf(QUOTE, i + 1);
      } else if (i === lf) {
        // An LF ends a line (with the CR before it, if any).
        const end = byte(i - 1) === CR ? i - 1 : i;
        if (!quoted && hasText(byte(end - 1))) lines += 1;
        lf = chunk.indexOf(LF, i + 1);
      } else {
        // A CR alone ends a line; one that ends a read is judged once the next read shows whether an LF follows.
        if (!quoted && i + 1 < chunk.length && chunk[i + 1] !== LF && hasText(byte(i - 1))) lines += 1;
        cr = chunk.indexOf(CR, i + 1);
      }
    }
    beforeLast = chunk.length > 1 ? (chunk[chunk.length - 2] as number) : last;
    last = chunk[chunk.length - 1] ?? last;
  }
  // The last line, ended by a CR alone or by nothing (a quote left open: the parser refuses the file).
  if (quoted) return lines + 1;
  if (last === CR) return hasText(beforeLast) ? lines + 1 : lines;
  return hasText(last) ? lines + 1 : lines;
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
