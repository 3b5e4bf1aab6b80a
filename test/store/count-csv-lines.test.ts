import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countCsvLines } from '../../src/store/csv-file.js';
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
    ['a quoted cell with a line break (counted: an upper bound)', 'a,b\n"x\ny",2\n', 3],
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

  it('gives at most how many rows follow the header of a CSV, and nothing for other files', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'f.csv'), 'a,b\r\n1,2\r\n3,4\r\n');
    expect(await mostRows(join(dir, 'f.csv'))).toBe(2);
    expect(await mostRows(join(dir, 'f.xlsx'))).toBeUndefined();
  });
});
