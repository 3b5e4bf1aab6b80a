import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LedgerRecord, TaxRecord } from '../../src/domain/invoice.js';
import { RecordLines } from '../../src/domain/record-lines.js';
import { RowsRefused } from '../../src/domain/rows-refused.js';
import type { InvoiceStore } from '../../src/ports.js';
import { createLowdbInvoiceStore } from '../../src/store/lowdb-invoice-store.js';
import { createMemoryInvoiceStore } from '../../src/store/memory-invoice-store.js';
import { coverage, ledger, tax } from '../helpers/fixtures.js';
import { listed } from '../helpers/listed-changes.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const now = new Date('2026-11-27T07:00:00Z');
const later = new Date('2026-11-28T07:00:00Z');
const digital = (i: number) => ({ kind: 'digital', number: `261120000000${String(i).padStart(8, '0')}` }) as const;

async function* batchesOf<R>(...batches: R[][]): AsyncIterable<R[]> {
  for (const batch of batches) yield batch;
}

async function* linesOf(...batches: Array<Array<LedgerRecord | TaxRecord>>): AsyncIterable<RecordLines> {
  for (const batch of batches) yield RecordLines.of(batch);
}

// Three invoices on two issue days, in two batches, as an import worker hands them over.
const records = [
  ledger({ ids: [digital(1)] }),
  ledger({ ids: [digital(2)], issuedAt: '2026-11-11T10:00:00+08:00' }),
  ledger({ ids: [digital(3)] }),
];

// The same records through either batch method: as objects (importBatches) or as the worker encodes them
// (importLines).
type Method = 'importBatches' | 'importLines';

async function importAll(store: InvoiceStore, rs: LedgerRecord[], at = now, method: Method = 'importBatches') {
  const meta = () => coverage('2026-11-10', '2026-11-11');
  if (method === 'importLines') {
    return store.importLines?.('ledger', linesOf(rs.slice(0, 2), rs.slice(2)), at, meta);
  }
  return store.importBatches?.('ledger', batchesOf(rs.slice(0, 2), rs.slice(2)), at, meta);
}

describe.each<Method>(['importBatches', 'importLines'])('%s', (method) => {
  const tempDir = useTempDirs();

  it('shows nothing of an import whose shards could not be written, and takes the next one whole', async () => {
    const dir = await tempDir();
    const store = await createLowdbInvoiceStore(dir);
    await importAll(store, records.slice(0, 1), now, method);
    // A folder where the 2026-11-11 shard goes: reading it as a shard fails, so the import's write fails.
    const blocker = join(dir, 'invoices', 'ledger', '2026-11-11.json');
    await mkdir(blocker);
    const many = Array.from({ length: 3000 }, (_, i) => ledger({ ids: [digital(100 + i)], buyerName: `买方${i}` }));
    await expect(importAll(store, [...many, records[1] as LedgerRecord], now, method)).rejects.toThrow();
    expect(await store.counts()).toEqual({ ledger: 1, tax: 0 });
    expect(await store.get(digital(100))).toEqual({});
    expect(await store.find({ name: '买方1' }, 10)).toMatchObject({ count: 0 });
    expect(await store.get(digital(1))).toEqual({ ledger: records[0] });
    await rm(blocker, { recursive: true });
    expect(await importAll(store, [...many, records[1] as LedgerRecord], now, method)).toMatchObject({ added: 3001 });
    expect(await store.counts()).toEqual({ ledger: 3002, tax: 0 });
    expect(await store.get(digital(2999 + 100))).toEqual({ ledger: many[2999] });
    const reopened = await createLowdbInvoiceStore(dir);
    expect(await reopened.counts()).toEqual({ ledger: 3002, tax: 0 });
  });

  it('shows nothing of a file refused after some of its batches were taken, and takes the next import whole', async () => {
    const dir = await tempDir();
    const store = await createLowdbInvoiceStore(dir);
    await importAll(store, records.slice(0, 1), now, method);
    const many = Array.from({ length: 3000 }, (_, i) => ledger({ ids: [digital(100 + i)], buyerName: `买方${i}` }));
    // Two batches taken (and staged), then the worker finds an invalid row.
    async function* refused(): AsyncIterable<RecordLines> {
      yield RecordLines.of(many.slice(0, 2000));
      yield RecordLines.of(many.slice(2000));
      throw new RowsRefused({ code: 'empty_file' });
    }
    const meta = () => coverage('2026-11-10', '2026-11-11');
    await expect(store.importLines?.('ledger', refused(), now, meta)).rejects.toThrow(RowsRefused);
    expect(await store.counts()).toEqual({ ledger: 1, tax: 0 });
    expect(await store.get(digital(100))).toEqual({});
    expect(await store.find({ name: '买方1' }, 10)).toMatchObject({ count: 0 });
    const others = Array.from({ length: 10 }, (_, i) => ledger({ ids: [digital(9000 + i)], buyerName: `其他${i}` }));
    expect(await importAll(store, others, now, method)).toMatchObject({ added: 10 });
    expect(await store.counts()).toEqual({ ledger: 11, tax: 0 });
    expect(await store.get(digital(9009))).toEqual({ ledger: others[9] });
    expect(await store.get(digital(100))).toEqual({});
    expect(await store.find({ name: '买方1' }, 10)).toMatchObject({ count: 0 });
    const reopened = await createLowdbInvoiceStore(dir);
    expect(await reopened.counts()).toEqual({ ledger: 11, tax: 0 });
    expect(await reopened.get(digital(9000))).toEqual({ ledger: others[0] });
  });

  it('stores records that arrive in batches in the shards and the index, with the ledger import it records', async () => {
    const dir = await tempDir();
    const store = await createLowdbInvoiceStore(dir);
    expect(await importAll(store, records, now, method)).toMatchObject({ added: 3, changed: 0, unchanged: 0 });
    expect(await store.get(digital(2))).toEqual({ ledger: records[1] });
    expect(await store.lastLedgerImport()).toEqual(coverage('2026-11-10', '2026-11-11'));
    const day10 = JSON.parse(await readFile(join(dir, 'invoices', 'ledger', '2026-11-10.json'), 'utf8'));
    expect(day10.records).toEqual([records[0], records[2]]);
    // From the shards alone (no index image), the same records come back.
    await rm(join(dir, 'cache'), { recursive: true, force: true });
    const reopened = await createLowdbInvoiceStore(dir);
    expect(await reopened.counts()).toEqual({ ledger: 3, tax: 0 });
    expect(await reopened.get(digital(3))).toEqual({ ledger: records[2] });
  });

  it('writes shards byte for byte as an import of the same records as one array does', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    await importAll(await createLowdbInvoiceStore(a), records, now, method);
    await (await createLowdbInvoiceStore(b)).importLedger(records, now, coverage('2026-11-10', '2026-11-11'));
    for (const day of ['2026-11-10', '2026-11-11']) {
      const shard = (dir: string) => readFile(join(dir, 'invoices', 'ledger', `${day}.json`), 'utf8');
      expect(await shard(a)).toBe(await shard(b));
    }
  });

  it('changes nothing on a re-import, and records a status change in the history once', async () => {
    const dir = await tempDir();
    const store = await createLowdbInvoiceStore(dir);
    await importAll(store, records, now, method);
    expect(listed(await importAll(store, records, now, method))).toMatchObject({
      added: 0,
      changed: 0,
      unchanged: 3,
      touched: [],
    });
    const voided = records.map((r, i) => (i === 1 ? { ...r, erpStatus: 'voided' as const } : r));
    const changed = await importAll(store, voided, later, method);
    expect(listed(changed)).toMatchObject({ added: 0, changed: 1, unchanged: 2, touched: ['D26112000000000000002'] });
    const expected = { ...voided[1], history: [{ at: later.toISOString(), from: 'issued', to: 'voided' }] };
    expect((await store.get(digital(2))).ledger).toEqual(expected);
    const reopened = await createLowdbInvoiceStore(dir);
    expect((await reopened.get(digital(2))).ledger).toEqual(expected);
  });

  it('records the tax coverage it is given, and none for a filtered import', async () => {
    const store = createMemoryInvoiceStore();
    const t = tax({ ids: [digital(1)] });
    const cover = () => coverage('2026-11-01', '2026-11-26');
    if (method === 'importLines') {
      await store.importLines?.('tax', linesOf([t]), now, cover);
      await store.importLines?.('tax', linesOf([]), now, () => undefined);
    } else {
      await store.importBatches?.('tax', batchesOf<TaxRecord>([t]), now, cover);
      await store.importBatches?.('tax', batchesOf<TaxRecord>([]), now, () => undefined);
    }
    expect(await store.coverage()).toEqual([coverage('2026-11-01', '2026-11-26')]);
    expect(await store.get(digital(1))).toEqual({ tax: t });
  });
});
