import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorruptDataError } from '../../src/store/corrupt-data-error.js';
import { createLowdbInvoiceStore } from '../../src/store/lowdb-invoice-store.js';
import { coverage, ledger, tax } from '../helpers/fixtures.js';
import { listed } from '../helpers/listed-changes.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const now = new Date('2026-11-27T07:00:00Z');
const id = { kind: 'digital', number: '26112000000000100001' } as const;

describe('createLowdbInvoiceStore', () => {
  const tempDir = useTempDirs();

  it('keeps records and coverage across a restart', async () => {
    const dir = await tempDir();
    const store = await createLowdbInvoiceStore(dir);
    await store.importLedger([ledger()], now);
    await store.importTax([tax()], coverage('2026-11-01', '2026-11-26'), now);
    const reopened = await createLowdbInvoiceStore(dir);
    expect(await reopened.get(id)).toEqual({ ledger: ledger(), tax: tax() });
    expect(await reopened.coverage()).toEqual([coverage('2026-11-01', '2026-11-26')]);
    expect(await reopened.counts()).toEqual({ ledger: 1, tax: 1 });
    // Importing tax data keeps what the file says about the last ledger import, and the reverse.
    await reopened.importLedger([ledger()], now, coverage('2026-11-10', '2026-11-10'));
    await reopened.importTax([tax()], coverage('2026-11-01', '2026-11-27'), now);
    const third = await createLowdbInvoiceStore(dir);
    expect(await third.lastLedgerImport()).toEqual(coverage('2026-11-10', '2026-11-10'));
    expect(await third.coverage()).toHaveLength(2);
  });

  it('shards by issue day, so an import rewrites only the days it touches', async () => {
    const dir = await tempDir();
    const store = await createLowdbInvoiceStore(dir);
    const other = ledger({
      ids: [{ kind: 'digital', number: '26112000000000100002' }],
      issuedAt: '2026-11-11T10:00:00+08:00',
    });
    await store.importLedger([ledger(), other], now);
    const untouched = join(dir, 'invoices', 'ledger', '2026-11-10.json');
    const before = (await stat(untouched)).mtimeMs;
    await store.importLedger([{ ...other, erpStatus: 'voided' }], now);
    expect((await stat(untouched)).mtimeMs).toBe(before);
    const day11 = JSON.parse(await readFile(join(dir, 'invoices', 'ledger', '2026-11-11.json'), 'utf8'));
    expect(day11.records[0].erpStatus).toBe('voided');
  });

  it('stops on a corrupt shard, naming it, and leaves it untouched', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'invoices', 'tax'), { recursive: true });
    const file = join(dir, 'invoices', 'tax', '2026-11-10.json');
    await writeFile(file, '{"records": [ {"source": "tax", ');
    const error = await createLowdbInvoiceStore(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptDataError);
    expect((error as CorruptDataError).message).toContain(file);
    expect(await readFile(file, 'utf8')).toBe('{"records": [ {"source": "tax", ');
  });

  it('stops on a shard of the wrong shape', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'invoices', 'ledger'), { recursive: true });
    await writeFile(
      join(dir, 'invoices', 'ledger', '2026-11-10.json'),
      JSON.stringify({ records: [{ source: 'ledger' }] }),
    );
    await expect(createLowdbInvoiceStore(dir)).rejects.toThrow(CorruptDataError);
  });

  it('completes an import that crashed between its renames', async () => {
    const dir = await tempDir();
    const root = join(dir, 'invoices');
    await mkdir(join(root, 'ledger'), { recursive: true });
    // What a crash leaves: the new shard written as .next and the journal naming the rename still to do.
    const target = join(root, 'ledger', '2026-11-10.json');
    await writeFile(`${target}.next`, JSON.stringify({ records: [ledger()] }));
    await writeFile(join(root, 'journal.json'), JSON.stringify({ renames: [{ from: `${target}.next`, to: target }] }));
    const store = await createLowdbInvoiceStore(dir);
    expect((await store.get(id)).ledger).toEqual(ledger());
    await expect(stat(join(root, 'journal.json'))).rejects.toThrow();
  });
});

describe('concurrent and interrupted imports', () => {
  const tempDir = useTempDirs();

  it('keeps both of two imports into one day that run at the same moment', async () => {
    const dir = await tempDir();
    const store = await createLowdbInvoiceStore(dir);
    const other = { ...ledger(), ids: [{ kind: 'digital' as const, number: '26112000000000100002' }] };
    await Promise.all([store.importLedger([ledger()], now), store.importLedger([other], now)]);
    const reopened = await createLowdbInvoiceStore(dir);
    expect((await reopened.counts()).ledger).toBe(2);
    // No journal and no temp file left behind.
    expect(await readdir(join(dir, 'invoices'))).toEqual(['ledger', 'tax']);
    expect(await readdir(join(dir, 'invoices', 'ledger'))).toEqual(['2026-11-10.json']);
  });

  it('stops with one message naming a journal it cannot complete, and what to do', async () => {
    const dir = await tempDir();
    const root = join(dir, 'invoices');
    const target = join(root, 'ledger', '2026-11-10.json');
    // The rename target is a folder with something in it: the rename fails however often it is retried.
    await mkdir(join(target, 'x'), { recursive: true });
    await writeFile(`${target}.a1.next`, JSON.stringify({ records: [ledger()] }));
    const journal = join(root, 'journal-a1.json');
    await writeFile(journal, JSON.stringify({ renames: [{ from: `${target}.a1.next`, to: target }] }));
    const failure = createLowdbInvoiceStore(dir);
    await expect(failure).rejects.toThrow(CorruptDataError);
    await expect(failure).rejects.toThrow(
      new RegExp(`^Import journal ${journal} could not be completed .*Run \`npm run restore\``),
    );
  });
});

describe('re-importing into the lowdb store', () => {
  const tempDir = useTempDirs();

  it('finds nothing changed after a restart, whatever key order the file has', async () => {
    const dir = await tempDir();
    await (await createLowdbInvoiceStore(dir)).importTax([tax()], coverage('2026-11-01', '2026-11-26'), now);
    const reopened = await createLowdbInvoiceStore(dir);
    expect(listed(await reopened.importTax([tax()], coverage('2026-11-01', '2026-11-26'), now))).toEqual({
      added: 0,
      changed: 0,
      unchanged: 1,
      touched: [],
    });
  });
});
