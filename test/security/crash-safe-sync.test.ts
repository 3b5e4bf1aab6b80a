import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/cli/import.js';
import { invoiceKey } from '../../src/domain/identifier.js';
import { verifyBackup } from '../../src/store/backups.js';
import { createLowdbInvoiceStore } from '../../src/store/lowdb-invoice-store.js';
import { createLowdbWatchStore } from '../../src/store/lowdb-watch-store.js';
import { type Crash, countOperations, runUntilCrash, spreadOver, startBotOn } from '../helpers/crash-child.js';
import { LEDGER_COLUMNS, ledgerRow, TAX_COLUMNS, taxRow } from '../helpers/rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

// 50 invoices over 5 issue days: the sync rewrites 5 ledger and 5 tax shards, coverage, two journals, a watch file.
const DAYS = 5;
const numbers = Array.from({ length: DAYS * 10 }, (_, i) => `2611200000000020${String(i).padStart(4, '0')}`);
const day = (i: number) => `2026-11-${String(1 + (i % DAYS)).padStart(2, '0')} 09:30:00`;
const csv = (header: readonly string[], rows: string[][]) =>
  `${[[...header], ...rows].map((r) => r.join(',')).join('\n')}\n`;
const ledgerCsv = (note: string) =>
  csv(
    LEDGER_COLUMNS,
    numbers.map((n, i) => ledgerRow({ digital_number: n, issued_at: day(i), note })),
  );
const taxCsv = () =>
  csv(
    TAX_COLUMNS,
    numbers.map((n, i) => taxRow({ 序号: String(i + 1), 数电发票号码: n, 开票日期: day(i), 备注: 'B' })),
  );

/** What the inbox holds before the sync: a new ledger version, the tax export, and a file the sync must refuse. */
const INBOX = {
  'ledger-b.csv': ledgerCsv('B'),
  'ledger-broken.csv': csv(LEDGER_COLUMNS, [ledgerRow({ digital_number: numbers[0], total: 'lots' })]),
  'tax-export.csv': taxCsv(),
} as const;
const WATCHED = numbers.slice(0, 3).map((number) => invoiceKey({ kind: 'digital', number }));

/** DATA_DIR before the sync: ledger version A imported, three watches, and the inbox above. */
async function prepare(dataDir: string, scratch: string): Promise<void> {
  await writeFile(join(scratch, 'ledger-a.csv'), ledgerCsv('A'));
  expect(await runImport(['ledger', join(scratch, 'ledger-a.csv')], { DATA_DIR: dataDir }, () => {})).toBe(0);
  const watches = await createLowdbWatchStore(dataDir);
  for (const invoiceKey of WATCHED) await watches.add({ userId: 'UWATCHER', invoiceKey, createdAt: '2026-11-20' });
  await mkdir(join(dataDir, 'inbox'), { recursive: true });
  for (const [name, text] of Object.entries(INBOX)) await writeFile(join(dataDir, 'inbox', name), text);
}

/** The bot started on DATA_DIR runs `/invoice sync` for a finance lead, in a child process stopped as `crash` says. */
const syncArgs = (dataDir: string) => ['test/helpers/sync-in-child.ts', dataDir];
const syncInChild = (dataDir: string, crash: Crash) => runUntilCrash(syncArgs(dataDir), dataDir, crash);

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String);
}

/**
 * Starts the bot on `dataDir` the way `npm start` does (stale lock taken over, every store opened, journals
 * replayed) and checks that every file's records are in their old or new state, nothing is torn, and no inbox file
 * was lost. Returns which state each part is in.
 */
async function startAndCheck(dataDir: string) {
  await startBotOn(dataDir);
  const store = await createLowdbInvoiceStore(dataDir);
  const pairs = await Promise.all(numbers.map((number) => store.get({ kind: 'digital', number })));
  const ledger = new Set(pairs.map((p) => p.ledger?.note));
  const tax = new Set(pairs.map((p) => p.tax?.note));
  expect(ledger.size, `ledger records in mixed states: ${[...ledger]}`).toBe(1);
  expect(tax.size, `tax records in mixed states: ${[...tax]}`).toBe(1);
  const state = { ledger: [...ledger][0], tax: [...tax][0] ?? 'none' };
  expect(['A', 'B']).toContain(state.ledger);
  expect(['none', 'B']).toContain(state.tax);

  // Every inbox file is in exactly one place, whole: still waiting, synced (done) or refused (rejected).
  const inbox = join(dataDir, 'inbox');
  const where: Record<string, string> = {};
  for (const [name, text] of Object.entries(INBOX)) {
    const places = [
      ...(await readdir(inbox)).filter((n) => n === name).map(() => 'inbox'),
      ...(await readdir(join(inbox, 'done')).catch(() => [])).filter((n) => n.endsWith(`-${name}`)).map(() => 'done'),
      ...(await readdir(join(inbox, 'rejected')).catch(() => []))
        .filter((n) => n.endsWith(`-${name}`))
        .map(() => 'rejected'),
    ];
    expect(places, `${name} is in ${places.length} places`).toHaveLength(1);
    where[name] = places[0] as string;
    const path =
      where[name] === 'inbox'
        ? join(inbox, name)
        : join(inbox, where[name], (await readdir(join(inbox, where[name]))).find((n) => n.endsWith(`-${name}`)) ?? '');
    expect(await readFile(path, 'utf8'), `${name} in ${where[name]} is not whole`).toBe(text);
    if (where[name] === 'rejected')
      expect((await readFile(`${path}.problems.txt`, 'utf8')).trim(), 'refused without its reasons').not.toBe('');
  }
  expect(where['ledger-b.csv']).not.toBe('rejected');
  expect(where['tax-export.csv']).not.toBe('rejected');
  expect(where['ledger-broken.csv']).not.toBe('done');
  // A file is moved to done only after its import took effect.
  if (where['ledger-b.csv'] === 'done') expect(state.ledger).toBe('B');
  if (where['tax-export.csv'] === 'done') expect(state.tax).toBe('B');

  // A watcher is let go only once the invoice is in the tax data.
  const watches = JSON.parse(await readFile(join(dataDir, 'state', 'watches.json'), 'utf8')) as {
    watches: Array<{ invoiceKey: string }>;
  };
  if (watches.watches.length < WATCHED.length) expect(state.tax).toBe('B');

  // Once anything was written, the backup taken before it restores the old data.
  if (state.ledger === 'B' || state.tax === 'B') {
    const backups = (await readdir(join(dataDir, 'backups'))).filter((n) => n.endsWith('before-sync'));
    expect(backups).toHaveLength(1);
    const report = await verifyBackup(join(dataDir, 'backups', backups[0] as string));
    expect({ ledger: report.ledger, tax: report.tax, watches: report.watches }).toEqual({
      ledger: numbers.length,
      tax: 0,
      watches: WATCHED.length,
    });
  }

  // Starting removed what the crash left half-written: no temp files outside the backups.
  const leftovers = (await filesUnder(dataDir)).filter((f) => !f.startsWith('backups') && /\.(tmp|next)$/.test(f));
  expect(leftovers).toEqual([]);
  return { ...state, ...where };
}

describe('crash-safe sync', () => {
  const tempDir = useTempDirs();

  it('leaves every file old or new, nothing torn and no inbox file lost, when a sync is killed or loses power at 21 points', async () => {
    const scratch = await tempDir();
    const template = join(scratch, 'template');
    await prepare(template, scratch);
    // One full run numbers the operations that change DATA_DIR: the crash points are spread over all of them.
    const counted = await countOperations(syncArgs, template, scratch);
    const { operations } = counted;
    expect(await startAndCheck(counted.dataDir)).toMatchObject({ ledger: 'B', tax: 'B', 'ledger-b.csv': 'done' });
    const modes = ['kill', 'power', 'power-dirs'] as const;
    const seen: string[] = [];
    // The index image (`cache/`, only a cache) is written in many chunks: spread most points over the data's own
    // operations so they are not crowded out, and keep two in the cache.
    const numbered = (keep: (op: string) => boolean) => operations.flatMap((op, i) => (keep(op) ? [i + 1] : []));
    const pick = (from: number[], count: number) => spreadOver(from.length, count).map((k) => from[k - 1] ?? 1);
    const cache = numbered((op) => op.includes(' cache/'));
    const points = [
      ...pick(
        numbered((op) => !op.includes(' cache/')),
        19,
      ),
      ...pick(cache, Math.min(2, cache.length)),
    ];
    for (const [i, at] of points.sort((a, b) => a - b).entries()) {
      const mode = modes[i % modes.length] as Crash['mode'];
      const dataDir = join(scratch, `run-${i}`);
      await cp(template, dataDir, { recursive: true });
      await syncInChild(dataDir, { at, mode });
      const result = await startAndCheck(dataDir);
      seen.push(`${mode}@${operations[at - 1]} → ledger ${result.ledger}, tax ${result.tax}`);
    }
    console.info(`crash-safe sync: ${operations.length} operations\n${seen.join('\n')}`);
    expect(seen.some((s) => s.endsWith('ledger A, tax none'))).toBe(true);
    expect(seen.some((s) => s.endsWith('ledger B, tax B'))).toBe(true);
  }, 240_000);

  it('keeps everything the sync reported when the power fails right after it', async () => {
    const scratch = await tempDir();
    const dataDir = join(scratch, 'data');
    await prepare(dataDir, scratch);
    const out = await syncInChild(dataDir, { at: 'exit', mode: 'power-dirs' });
    expect(out).toContain('Synced 2 file(s)');
    expect(await startAndCheck(dataDir)).toEqual({
      ledger: 'B',
      tax: 'B',
      'ledger-b.csv': 'done',
      'ledger-broken.csv': 'rejected',
      'tax-export.csv': 'done',
    });
    const watches = JSON.parse(await readFile(join(dataDir, 'state', 'watches.json'), 'utf8'));
    expect(watches).toEqual({ watches: [] });
  }, 60_000);
});
