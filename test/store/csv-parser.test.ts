import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnreadableFileError } from '../../src/lib/unreadable-file-error.js';
import { readCsvRows } from '../../src/store/csv-file.js';
import { CsvParser } from '../../src/store/csv-parser.js';
import { useTempDirs } from '../helpers/temp-dir.js';

// Feeds `text` in pieces of `step` characters, as file reads cut it anywhere.
function parse(text: string, step = text.length || 1, lineChars = 100): string[][] {
  const parser = new CsvParser(lineChars);
  const rows: string[][] = [];
  for (let i = 0; i < text.length; i += step) rows.push(...parser.push(text.slice(i, i + step)));
  rows.push(...parser.end());
  return rows;
}

function reason(text: string, step?: number, lineChars?: number): string {
  try {
    parse(text, step, lineChars);
    return 'read';
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    return `${error.reason}@${error.row}`;
  }
}

describe('CsvParser', () => {
  it.each([
    [
      'plain rows',
      'a,b\nc,d\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'CRLF, CR and no final line break',
      'a,b\r\nc,d\re,f',
      [
        ['a', 'b'],
        ['c', 'd'],
        ['e', 'f'],
      ],
    ],
    ['empty lines skipped', '\n\na,b\n\r\n\n', [['a', 'b']]],
    ['empty cells', ',,\n', [['', '', '']]],
    [
      'quoted commas, line breaks and doubled quotes',
      '"x,y",z\n"q""r","a\nb"\n',
      [
        ['x,y', 'z'],
        ['q"r', 'a\nb'],
      ],
    ],
    [
      'an empty quoted cell and spaces kept',
      'a,""\n" a ", b \n',
      [
        ['a', ''],
        [' a ', ' b '],
      ],
    ],
    ['rows of different lengths', 'a,b,c\nd\n', [['a', 'b', 'c'], ['d']]],
  ])('reads %s, whatever the pieces the text arrives in', (_name, text, rows) => {
    for (const step of [1, 2, 3, 7, 1000]) expect(parse(text, step)).toEqual(rows);
  });

  it.each([
    ['a quote never closed', 'a,b\n"open,1\n', 'unclosed_quote@2'],
    ['text after a closing quote', 'a,b\n"a"b,c\n', 'bad_quote@2'],
    ['a quote inside an unquoted cell', 'a,b\nc,d\ne"f,g\n', 'bad_quote@3'],
    ['a line longer than the limit', `a,b\n${'x'.repeat(101)}\n`, 'line_too_long@2'],
    ['a quoted line longer than the limit', `a,b\n"${'x'.repeat(101)}"\n`, 'line_too_long@2'],
    ['a line without end longer than the limit', `a,b\n${'x'.repeat(150)}`, 'line_too_long@2'],
  ])('refuses %s, naming the row', (_name, text, expected) => {
    for (const step of [1, 5, 1000]) expect(reason(text, step)).toBe(expected);
  });

  it('refuses an unfinished line as soon as it is over the limit, without waiting for its end', () => {
    const parser = new CsvParser(100);
    expect(parser.push('a,b\n')).toEqual([['a', 'b']]);
    expect(() => parser.push('x'.repeat(150))).toThrow(new UnreadableFileError('line_too_long', 2));
  });

  it('reads a line exactly as long as the limit', () => {
    expect(parse(`${'x'.repeat(100)}\n`)).toEqual([['x'.repeat(100)]]);
  });
});

describe('readCsvRows limits', () => {
  const tempDir = useTempDirs();

  it('refuses a cell over the limit and a file with too many rows, naming the row', async () => {
    const dir = await tempDir();
    const file = join(dir, 'x.csv');
    const reasonOf = async (limits: { lineChars: number; cellChars: number; rows: number }) => {
      try {
        for await (const _ of readCsvRows(file, limits));
        return 'read';
      } catch (error) {
        if (!(error instanceof UnreadableFileError)) throw error;
        return `${error.reason}@${error.row}`;
      }
    };
    await writeFile(file, 'a,b\nc,dddd\ne,f\n');
    expect(await reasonOf({ lineChars: 100, cellChars: 4, rows: 3 })).toBe('read');
    expect(await reasonOf({ lineChars: 100, cellChars: 3, rows: 3 })).toBe('cell_too_long@2');
    expect(await reasonOf({ lineChars: 100, cellChars: 4, rows: 2 })).toBe('too_many_rows@3');
    expect(await reasonOf({ lineChars: 5, cellChars: 4, rows: 3 })).toBe('line_too_long@2');
  });
});
