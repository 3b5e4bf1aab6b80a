import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { z } from 'zod';
import type { LedgerRecord, TaxRecord } from '../domain/invoice.js';
import { CorruptDataError } from './corrupt-data-error.js';
import { readIndexImage, shardFingerprint, writeIndexImage } from './index-image.js';
import { InvoiceIndex } from './invoice-index.js';
import { openJsonFile } from './json-file.js';

/** The record sources, one folder of day shards each under `DATA_DIR/invoices/`. */
export const SOURCES = ['ledger', 'tax'] as const;

/** What a shard file holds; the per-record check is {@link checkRecord}. */
export const ShardFile = z.object({
  records: z.array(
    z.looseObject({ source: z.enum(['ledger', 'tax']), ids: z.array(z.unknown()).min(1), issuedAt: z.string() }),
  ),
});

/**
 * The index image: a cache of the loaded index beside the data, outside `invoices/` and outside backups (it is
 * rebuilt from the shards whenever they differ from what it was made from).
 */
export function indexImageFile(dataDir: string): string {
  return join(dataDir, 'cache', 'invoice-index.bin');
}

/**
 * Loads the invoice index of a DATA_DIR: from the index image when it was made from exactly the shards on disk
 * (a read of a few large arrays), else from the JSON shards (a parse of every record), after which the image is
 * written for the next start. Data folders from before the image existed are converted this way on their first start.
 */
export async function loadInvoiceIndex(dataDir: string): Promise<{ index: InvoiceIndex; from: 'image' | 'shards' }> {
  const root = join(dataDir, 'invoices');
  const fingerprint = await shardFingerprint(root, SOURCES);
  const image = await readIndexImage(indexImageFile(dataDir), fingerprint);
  if (image) {
    try {
      return { index: InvoiceIndex.fromImage(image), from: 'image' };
    } catch {
      // An image that does not fit together is only a cache: the shards are read instead.
    }
  }
  const index = new InvoiceIndex();
  for (const source of SOURCES) {
    for (const name of (await readdir(join(root, source))).filter((n) => n.endsWith('.json')).sort()) {
      const file = join(root, source, name);
      const shard = await openJsonFile(file, ShardFile, { records: [] });
      for (const record of shard.data.records) index.put(checkRecord(record, file, source));
      await yieldToLoop();
    }
  }
  // The fingerprint taken before reading: had a shard changed meanwhile, the image would not match it.
  await writeImage(dataDir, fingerprint, index);
  return { index, from: 'shards' };
}

/** Writes the index image for the shards as they are now on disk (after an import has renamed its shards). */
export async function saveIndexImage(dataDir: string, index: InvoiceIndex): Promise<void> {
  await writeImage(dataDir, await shardFingerprint(join(dataDir, 'invoices'), SOURCES), index);
}

async function writeImage(dataDir: string, fingerprint: string, index: InvoiceIndex): Promise<void> {
  // A cache that cannot be written (a full disk, a read-only folder) costs the next start time, not data.
  await writeIndexImage(indexImageFile(dataDir), fingerprint, index.image()).catch(() => {});
}

// zod over two million records costs seconds at start; these are the fields the indexes rely on.
function checkRecord(value: unknown, file: string, source: string): LedgerRecord | TaxRecord {
  const r = value as Partial<LedgerRecord>;
  const ok =
    typeof r === 'object' &&
    r !== null &&
    r.source === source &&
    Array.isArray(r.ids) &&
    r.ids.length > 0 &&
    typeof r.issuedAt === 'string' &&
    typeof r.total === 'number' &&
    typeof r.sellerName === 'string' &&
    typeof r.buyerName === 'string';
  if (!ok)
    throw new CorruptDataError(file, `a record is not a ${source} record: ${JSON.stringify(value).slice(0, 120)}`);
  return value as LedgerRecord | TaxRecord;
}
