import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value of one COPY column: text, a number, a list of plain words (a text[]), or null. */
export type CopyValue = string | number | readonly string[] | null | undefined;

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * A text for COPY's text format, escaped: a backslash, tab, newline or carriage return would otherwise end a field or
 * a row, or start an escape.
 * @example copyEscape('a\tb') // 'a\\tb'
 */
export function copyEscape(value: string): string {
  // Most values need no escape at all: testing first is several times faster than replacing with a callback.
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c] ?? c) : value;
}

// COPY's text format: tab between columns, newline after a row, `\N` for NULL, and backslash escapes for the
// characters that would otherwise end a field or a row.
function field(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return `{${value.join(',')}}`;
  return copyEscape(value);
}

// Rows are sent in chunks: one write per row would cost more in stream overhead than the data itself.
function* chunks(rows: Iterable<readonly CopyValue[]>, size = 2000): Generator<Buffer> {
  let buffer: string[] = [];
  for (const row of rows) {
    buffer.push(`${row.map(field).join('\t')}\n`);
    if (buffer.length === size) {
      yield Buffer.from(buffer.join(''));
      buffer = [];
    }
  }
  if (buffer.length > 0) yield Buffer.from(buffer.join(''));
}

/**
 * Streams rows into a table with `COPY … FROM STDIN` on the given connection (inside its transaction): the fastest
 * way PostgreSQL takes many rows. A `text[]` value must be plain words (no commas, quotes, braces or spaces).
 * @example await copyRows(client, 'incoming', ['ord', 'doc'], records.map((r, i) => [i, JSON.stringify(r)]));
 */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<void> {
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks(rows)), sink);
}

/**
 * Streams rows already encoded in COPY's text format (each chunk whole rows, every row ending in a newline; a string,
 * or its UTF-8 bytes) into a table on the given connection (inside its transaction). The chunks are pulled as PostgreSQL takes them, so the
 * server parses one chunk while the caller encodes the next.
 * @example await copyText(client, 'incoming', ['ord', 'doc'], encodeEach(batches));
 */
export async function copyText(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  chunks: AsyncIterable<string | Uint8Array>,
): Promise<void> {
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks, { objectMode: false }), sink);
}
