import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { z } from 'zod';
import type { Coverage, LedgerRecord, TaxRecord } from '../domain/invoice.js';
import { createSlicer } from '../lib/slicer.js';
import type { InvoiceStore } from '../ports.js';
import { CorruptDataError } from './corrupt-data-error.js';
import { createInvoiceBook, type PendingWrite } from './invoice-book.js';
import { primaryKey } from './invoice-index.js';
import { openJsonFile, prettyJson } from './json-file.js';
import type { LineRefs } from './json-lines.js';
import { loadInvoiceIndex, ShardFile, SOURCES, saveIndexImage } from './load-invoice-index.js';
import { syncDir, writeFileAtomic } from './write-file-atomic.js';

// Shards are one file per source and issue day: an import or a correction rewrites a few hundred kilobytes,
// never the whole data set (stack-notes: a 100k-record lowdb write stalls the loop for ~250 ms).
type Shard = { records: Array<LedgerRecord | TaxRecord> };

const ImportMeta = z.object({
  from: z.string(),
  to: z.string(),
  importedAt: z.string(),
  file: z.string(),
  rows: z.number(),
});
const CoverageFile = z.object({ imports: z.array(ImportMeta), ledger: ImportMeta.optional() });
const Journal = z.object({ renames: z.array(z.object({ from: z.string(), to: z.string() })) });

/**
 * The embedded invoice store: lowdb JSON shards under `DATA_DIR/invoices/<source>/<day>.json`, loaded into memory
 * indexes at start. An import writes every changed shard to a temp file, records the renames in a journal, then
 * renames; a crash part-way is completed from the journal at the next start, so an import is all-or-nothing.
 */
export async function createLowdbInvoiceStore(dataDir: string): Promise<InvoiceStore> {
  const root = join(dataDir, 'invoices');
  await Promise.all(SOURCES.map((s) => mkdir(join(root, s), { recursive: true })));
  await finishJournals(root);
  const { index } = await loadInvoiceIndex(dataDir);
  const coverageDb = await openJsonFile(join(root, 'coverage.json'), CoverageFile, { imports: [] });
  return createInvoiceBook(
    index,
    [...coverageDb.data.imports],
    (write) => persist(root, write),
    coverageDb.data.ledger,
    () => saveIndexImage(dataDir, index),
  );
}

// Shards staged at once: their fsyncs overlap instead of queueing one behind another (an import of 1M rows stages
// ~1,400 shards; one at a time, each with its own fsync, rename and folder fsync, the importer sat idle a third of
// its time).
const STAGING_CONCURRENCY = 8;

async function persist(root: string, write: PendingWrite): Promise<void> {
  // Temp files and the journal carry this import's own id, so two imports can never write or replay each other's.
  const id = `${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;
  const renames: Array<{ from: string; to: string }> = [];
  const shards: Array<[string, Array<LedgerRecord | TaxRecord> | LineRefs]> = [
    ...(await groupByShard(root, [write.ledger, write.tax])),
    ...[...(write.lines ?? [])].map(([shard, lines]): [string, LineRefs] => [join(root, `${shard}.json`), lines]),
  ];
  let next = 0;
  const stager = async () => {
    // Each stager writes its new shards from one buffer, grown as needed: at 1M rows, a new buffer per shard was
    // ~450 MB of memory outside the heap to free, and the collections that freeing it took.
    let scratch = Buffer.allocUnsafeSlow(0);
    const room = (bytes: number) => {
      if (scratch.length < bytes) scratch = Buffer.allocUnsafeSlow(Math.max(bytes, 2 * scratch.length));
      return scratch;
    };
    while (next < shards.length) {
      const [file, incoming] = shards[next++] as [string, Array<LedgerRecord | TaxRecord> | LineRefs];
      const tmp = `${file}.${id}.next`;
      // A day no shard holds yet gets a batch import's lines as they are: they are the records' JSON already.
      if (!Array.isArray(incoming) && !(await exists(file))) await stage(tmp, linesShardJson(incoming, room));
      else {
        const shard = await openJsonFile(file, ShardFile, { records: [] });
        const byKey = new Map((shard.data.records as unknown as Shard['records']).map((r) => [primaryKey(r), r]));
        // A batch import's records become objects here, one shard (a day) at a time.
        const records = Array.isArray(incoming) ? incoming : incoming.texts().map(parseRecord);
        for (const r of records) byKey.set(primaryKey(r), r);
        await stage(tmp, shardJson({ records: [...byKey.values()] }));
      }
      renames.push({ from: tmp, to: file });
      await yieldToLoop();
    }
  };
  await Promise.all(Array.from({ length: STAGING_CONCURRENCY }, stager));
  if (write.meta) {
    const coverageTmp = join(root, `coverage.json.${id}.next`);
    await stage(coverageTmp, prettyJson(write.meta));
    renames.push({ from: coverageTmp, to: join(root, 'coverage.json') });
  }
  // The staged files' names must be on disk too before the journal that renames them exists.
  for (const dir of new Set(renames.map(({ from }) => dirname(from)))) await syncDir(dir);
  const journal = join(root, `journal-${id}.json`);
  await writeJson(journal, { renames });
  await finishJournal(journal);
}

// A staged file needs no temp-and-rename of its own: it has a fresh name nobody reads, and the journal naming it is
// written (crash-safe) only after it is flushed. A crash before that leaves a `.next` file that the next start removes.
async function stage(file: string, text: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// What shardJson writes for these records, from their JSON lines.
function linesShardJson(lines: LineRefs, room: (bytes: number) => Buffer): Buffer {
  return lines.joined('{"records":[\n', '\n]}\n', room);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
}

function parseRecord(text: string): LedgerRecord | TaxRecord {
  return JSON.parse(text) as LedgerRecord | TaxRecord;
}

// Sliced, and the path joined once per shard rather than per record: at 1M rows this one loop was the importer's
// longest stall (~1.5 s with no yield).
async function groupByShard(
  root: string,
  lists: ReadonlyArray<ReadonlyArray<LedgerRecord | TaxRecord>>,
): Promise<Map<string, Array<LedgerRecord | TaxRecord>>> {
  const byDay = new Map<string, Array<LedgerRecord | TaxRecord>>();
  const pause = createSlicer();
  for (const records of lists)
    for (const [i, r] of records.entries()) {
      await pause(i);
      const day = `${r.source}/${r.issuedAt.slice(0, 10)}`;
      const list = byDay.get(day);
      if (list) list.push(r);
      else byDay.set(day, [r]);
    }
  const shards = new Map<string, Array<LedgerRecord | TaxRecord>>();
  for (const [day, list] of byDay) shards.set(join(root, `${day}.json`), list);
  return shards;
}

// One record per line: a third smaller than indented JSON, so a million records parse seconds faster at start,
// and still readable and diffable by a person.
function shardJson(data: Shard): string {
  return `{"records":[\n${data.records.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
}

async function writeJson(
  file: string,
  data: Shard | { imports: Coverage[]; ledger?: Coverage } | z.infer<typeof Journal>,
): Promise<void> {
  // Temp shards, coverage and the journal are all on disk (fsynced) before the first rename is attempted.
  await writeFileAtomic(file, 'records' in data ? shardJson(data) : prettyJson(data));
}

// Journals left by imports that were interrupted, oldest first (`journal.json` is the name older versions used).
async function finishJournals(root: string): Promise<void> {
  const names = (await readdir(root)).filter((n) => /^journal(-[\w-]+)?\.json$/.test(n)).sort();
  for (const name of names) await finishJournal(join(root, name));
}

async function finishJournal(file: string): Promise<void> {
  const journal = await openJsonFile(file, Journal, { renames: [] });
  try {
    for (const { from, to } of journal.data.renames) {
      await rename(from, to).catch((error: NodeJS.ErrnoException) => {
        // Already renamed before a crash: nothing left to do for this file.
        if (error.code !== 'ENOENT') throw error;
      });
    }
  } catch (error) {
    throw new JournalReplayError(file, error instanceof Error ? error.message : String(error));
  }
  // The renames must be on disk before the journal that can redo them disappears.
  for (const dir of new Set(journal.data.renames.map(({ to }) => dirname(to)))) await syncDir(dir);
  await rm(file, { force: true });
  await syncDir(dirname(file));
}

/** An interrupted import whose journal cannot be completed: the bot stops with one message saying what to do. */
export class JournalReplayError extends CorruptDataError {
  constructor(file: string, reason: string) {
    super(file, reason);
    this.name = 'JournalReplayError';
    this.message = `Import journal ${file} could not be completed (${reason}): the last import is half-applied. Run \`npm run restore\` to go back to the backup taken before it and sync again; the bot does not start until then.`;
  }
}
