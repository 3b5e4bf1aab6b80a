import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, createDeflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { UnreadableFileError } from '../../src/lib/unreadable-file-error.js';
import { readXlsxRows } from '../../src/store/xlsx-file.js';
import { checkXlsxZip, XLSX_ZIP_LIMITS } from '../../src/store/xlsx-zip-limits.js';
import { useTempDirs } from '../helpers/temp-dir.js';

type Part = { name: string; chunks: () => Iterable<Buffer> };

/** Deflates a part chunk by chunk, so a 150 MB part never exists in memory here either. */
async function deflatePart(part: Part) {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  let size = 0;
  for (const chunk of part.chunks()) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { name: Buffer.from(part.name), data: Buffer.concat(out), crc, size };
}

/** A minimal valid zip (deflate, no data descriptors) of the given parts. */
async function zip(parts: Part[]): Promise<Buffer> {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of await Promise.all(parts.map(deflatePart))) {
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(p.crc, 14);
    head.writeUInt32LE(p.data.length, 18);
    head.writeUInt32LE(p.size, 22);
    head.writeUInt16LE(p.name.length, 26);
    // The central entry repeats the local header's fields (version … name length) two bytes further on.
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    head.copy(entry, 6, 4, 30);
    entry.writeUInt32LE(offset, 42);
    local.push(head, p.name, p.data);
    central.push(entry, p.name);
    offset += 30 + p.name.length + p.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

const text = (name: string, xml: string): Part => ({ name, chunks: () => [Buffer.from(xml)] });
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook whose one cell is `cellMiB` MiB of the letter A, inline in the sheet or in the shared strings. */
function bombParts(cellMiB: number, where: 'sheet' | 'sharedStrings'): Part[] {
  const mib = Buffer.alloc(1024 * 1024, 'A');
  const cell = (open: string, close: string) =>
    function* () {
      yield Buffer.from(open);
      for (let i = 0; i < cellMiB; i += 1) yield mib;
      yield Buffer.from(close);
    };
  const sheetOpen = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData><row r="1">`;
  const sheetClose = '</row></sheetData></worksheet>';
  return [
    text(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
    text(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    text(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    where === 'sheet'
      ? {
          name: 'xl/worksheets/sheet1.xml',
          chunks: cell(`${sheetOpen}<c r="A1" t="inlineStr"><is><t>`, `</t></is></c>${sheetClose}`),
        }
      : text('xl/worksheets/sheet1.xml', `${sheetOpen}<c r="A1" t="s"><v>0</v></c>${sheetClose}`),
    ...(where === 'sharedStrings'
      ? [
          {
            name: 'xl/sharedStrings.xml',
            chunks: cell(
              `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>`,
              '</t></si></sst>',
            ),
          },
        ]
      : []),
  ];
}

async function reasonOf(rows: AsyncIterable<string[]>): Promise<string> {
  try {
    for await (const _ of rows);
  } catch (error) {
    if (error instanceof UnreadableFileError) return `${error.reason}${error.row ? `@${error.row}` : ''}`;
    throw error;
  }
  return 'read';
}

describe('reading an .xlsx export within bounds', () => {
  const tempDir = useTempDirs();

  it('refuses a ~150 KB workbook holding one 150 MB cell before unpacking it, with little memory', async () => {
    const dir = await tempDir();
    const bomb = await zip(bombParts(150, 'sheet'));
    expect(bomb.length).toBeLessThan(400 * 1024);
    const file = join(dir, 'bomb.xlsx');
    await writeFile(file, bomb);
    const before = process.memoryUsage();
    expect(await reasonOf(readXlsxRows(file))).toBe('xlsx_zip_bomb');
    const after = process.memoryUsage();
    // A guard against unpacking the cell, not a timing test: 150 MB of text would be 150–300 MB more.
    expect(after.rss - before.rss).toBeLessThan(100 * 1024 * 1024);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(100 * 1024 * 1024);
  });

  it('names an oversized shared-strings table and a workbook too large in total', async () => {
    const dir = await tempDir();
    const file = join(dir, 'strings.xlsx');
    await writeFile(file, await zip(bombParts(2, 'sharedStrings')));
    // 2 MiB of shared strings against a 1 MiB ceiling; the ratio check is raised out of the way.
    const strict = { ...XLSX_ZIP_LIMITS, sharedStringsBytes: 1024 * 1024, ratio: 1e9 };
    await expect(checkXlsxZip(file, strict)).rejects.toMatchObject({ reason: 'xlsx_shared_strings' });
    await expect(checkXlsxZip(file, { ...strict, totalBytes: 1024 * 1024 })).rejects.toMatchObject({
      reason: 'xlsx_too_large',
    });
    await expect(checkXlsxZip(file, { ...strict, sharedStringsBytes: 4 * 1024 * 1024 })).resolves.toBeUndefined();
  });

  it('refuses a cell longer than 2,000 characters while reading, naming the row, and reads a normal workbook', async () => {
    const dir = await tempDir();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('S');
    sheet.addRow(['code', 'note']);
    sheet.addRow(['1', 'fine']);
    await book.xlsx.writeFile(join(dir, 'ok.xlsx'));
    sheet.addRow(['2', 'x'.repeat(2_001)]);
    await book.xlsx.writeFile(join(dir, 'long.xlsx'));
    const rows: string[][] = [];
    for await (const row of readXlsxRows(join(dir, 'ok.xlsx'))) rows.push(row);
    expect(rows).toEqual([
      ['code', 'note'],
      ['1', 'fine'],
    ]);
    expect(await reasonOf(readXlsxRows(join(dir, 'long.xlsx')))).toBe('cell_too_long@3');
  });
});
