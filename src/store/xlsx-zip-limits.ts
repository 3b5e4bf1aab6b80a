import { open } from 'node:fs/promises';
import { UnreadableFileError } from '../lib/unreadable-file-error.js';

/** Ceilings on what an `.xlsx` zip may unpack to, checked from its central directory before anything is inflated. */
export type XlsxZipLimits = { totalBytes: number; sharedStringsBytes: number; ratio: number; ratioFromBytes: number };

/**
 * The biggest real month (~200k rows × ~300 characters of XML each) unpacks to well under 200 MB and its shared
 * strings (kept in memory while the sheet streams) to a few tens of MB. Spreadsheet XML compresses about 10–30:1;
 * a zip bomb (a 150 KB file holding a 150 MB cell) is ~1000:1. Tiny parts may compress better, so the ratio only
 * counts from 1 MB up.
 */
export const XLSX_ZIP_LIMITS: XlsxZipLimits = {
  totalBytes: 512 * 1024 * 1024,
  sharedStringsBytes: 64 * 1024 * 1024,
  ratio: 200,
  ratioFromBytes: 1024 * 1024,
};

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
// The end-of-directory record is 22 bytes plus a comment of at most 65,535.
const TAIL_BYTES = 22 + 0xffff;

type ZipEntry = { name: string; compressed: number; uncompressed: number };

/** Reads the zip's central directory (names and declared sizes only; nothing is inflated). */
async function zipEntries(file: string): Promise<ZipEntry[]> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailStart = Math.max(0, size - TAIL_BYTES);
    const { buffer: tail } = await handle.read(Buffer.alloc(size - tailStart), 0, size - tailStart, tailStart);
    let end = -1;
    for (let i = tail.length - 22; i >= 0 && end < 0; i -= 1) if (tail.readUInt32LE(i) === END_OF_DIRECTORY) end = i;
    if (end < 0) throw new UnreadableFileError('not_xlsx');
    const count = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    // ZIP64 markers (0xFFFF…) mean a workbook of 4 GB or more: far beyond any export.
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff)
      throw new UnreadableFileError('xlsx_too_large');
    if (directoryOffset + directorySize > size) throw new UnreadableFileError('not_xlsx');
    const { buffer: dir } = await handle.read(Buffer.alloc(directorySize), 0, directorySize, directoryOffset);
    const entries: ZipEntry[] = [];
    for (let at = 0, n = 0; n < count; n += 1) {
      if (at + 46 > dir.length || dir.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new UnreadableFileError('not_xlsx');
      const nameLength = dir.readUInt16LE(at + 28);
      entries.push({
        compressed: dir.readUInt32LE(at + 20),
        uncompressed: dir.readUInt32LE(at + 24),
        name: dir.toString('utf8', at + 46, at + 46 + nameLength),
      });
      at += 46 + nameLength + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/**
 * Refuses a workbook whose central directory declares more than the limits allow — in total, in its shared strings,
 * or in how far one part inflates — before ExcelJS unpacks anything. Declared sizes can lie; the reader's cell and
 * row limits still apply while streaming.
 */
export async function checkXlsxZip(file: string, limits: XlsxZipLimits = XLSX_ZIP_LIMITS): Promise<void> {
  let total = 0;
  for (const entry of await zipEntries(file)) {
    total += entry.uncompressed;
    if (entry.uncompressed === 0xffffffff || total > limits.totalBytes) throw new UnreadableFileError('xlsx_too_large');
    if (/sharedStrings\.xml$/i.test(entry.name) && entry.uncompressed > limits.sharedStringsBytes)
      throw new UnreadableFileError('xlsx_shared_strings');
    if (
      entry.uncompressed >= limits.ratioFromBytes &&
      entry.uncompressed > limits.ratio * Math.max(1, entry.compressed)
    )
      throw new UnreadableFileError('xlsx_zip_bomb');
  }
}
