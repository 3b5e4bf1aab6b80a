import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_LIMITS, countCsvLines } from '../../src/store/csv-file.js';
import { mostRows } from '../../src/store/read-rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

describe('countCsvLines', () => {
  const tempDir = useTempDirs();

  it.each([
    ['LF', 'a,b\n1,2\n3,4\n', 3],
    ['CRLF', 'a,b\r\n1,2\r\n3,4\r\n', 3],
    ['CR', 'a,b\r1,2\r3,4\r', 3],
    ['no break at the end', 'a,b\n1,2\n3,4', 3],
    ['an empty file', '', 0],
    // A line break inside a quoted cell ends no row.
    ['quoted cells with line breaks (not counted)', 'a,b\n"x\ny\r\nz\rw",2\n"1""\n""",2\n', 3],
    ['a quoted cell in a CR-only file', 'a,b\r1,"2\r3"\r', 2],
    // The parser skips empty lines: they are not rows, and a file padded with them must not be taken for a big one.
    ['empty lines (not counted)', '\n\na,b\n\n1,2\r\n\r\n\r\r3,4\n\n\r', 3],
    ['empty lines only', '\r\n\n\r\r\n', 0],
  ])('counts the lines of %s', async (_, text, lines) => {
    const file = join(await tempDir(), 'f.csv');
    await writeFile(file, text);
    expect(await countCsvLines(file)).toBe(lines);
  });

  it('counts a CRLF split between two reads once', async () => {
    const file = join(await tempDir(), 'f.csv');
    // The first read ends with the CR of a CRLF, the second starts with its LF.
    const head = 'x'.repeat((1 << 20) - 1);
    await writeFile(file, `${head}\r\n1,2\r\n`);
    expect(await countCsvLines(file)).toBe(2);
  });

  it('counts no empty line split between two reads', async () => {
    const file = join(await tempDir(), 'f.csv');
    // The first read ends with the CR of an empty CRLF line, the second starts with its LF; then a CR-only empty line.
    const head = 'x'.repeat((1 << 20) - 3);
    await writeFile(file, `${head}\r\n\r\n\r\r1,2`);
    expect(await countCsvLines(file)).toBe(2);
  });

  it('follows a quoted cell across two reads', async () => {
    const file = join(await tempDir(), 'f.csv');
    // The quote opens at the end of the first read; its line breaks are in the second.
    const head = 'x'.repeat((1 << 20) - 3);
    await writeFile(file, `${head}\n,"${'y\n'.repeat(1000)}"\r1,2`);
    expect(await countCsvLines(file)).toBe(3);
  });

  // The importer makes room for this many records before they arrive (InvoiceBook): one row padded with 30 MB of line
  // breaks made a CLI import grow from 0.2 to 1.3 GB of RSS, and a bigger file would end the bot.
  it('gives no more rows than a file holds lines with text, nor more than a CSV may hold', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'padded.csv'), `a,b\n1,2\n${'\n'.repeat(100_000)}${'\r\n'.repeat(100_000)}`);
    expect(await mostRows(join(dir, 'padded.csv'))).toBe(1);
    // Line breaks with text between them inside cells: a valid file of 4 MB claimed room for 2M records (570 MB).
    const cell = `"${'y\n'.repeat(999)}y"`;
    await writeFile(join(dir, 'cells.csv'), `a,b\n${`1,${cell}\n`.repeat(2000)}`);
    expect(await mostRows(join(dir, 'cells.csv'))).toBe(2000);
    await writeFile(join(dir, 'long.csv'), `a\n${'1\n'.repeat(CSV_LIMITS.rows + 5)}`);
    expect(await mostRows(join(dir, 'long.csv'))).toBe(CSV_LIMITS.rows);
  });

  it('gives at most how many rows follow the header of a CSV, and nothing for other files', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'f.csv'), 'a,b\r\n1,2\r\n3,4\r\n');
    expect(await mostRows(join(dir, 'f.csv'))).toBe(2);
    expect(await mostRows(join(dir, 'f.xlsx'))).toBeUndefined();
  });
});
