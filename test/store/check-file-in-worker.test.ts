import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LedgerRecord, TaxRecord } from '../../src/domain/invoice.js';
import { RecordLines } from '../../src/domain/record-lines.js';
import { RowValidator } from '../../src/domain/row-validator.js';
import { createManualClock } from '../../src/lib/clocks.js';
import type { ImportRows } from '../../src/ports.js';
import { importRecords } from '../../src/services/import-records.js';
import { ImportWorker, ImportWorkerError, WORKER_HEAP_MIB } from '../../src/store/check-file-in-worker.js';
import { createLowdbInvoiceStore } from '../../src/store/lowdb-invoice-store.js';
import { createMemoryInvoiceStore } from '../../src/store/memory-invoice-store.js';
import { readRows } from '../../src/store/read-rows.js';
import { LEDGER_COLUMNS, ledgerRow, rowsOf } from '../helpers/rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const csv = (rows: string[][]) => `${rows.map((r) => r.join(',')).join('\n')}\n`;
const number = (i: number) => `261120000000${String(i).padStart(8, '0')}`;

function setup() {
  const store = createMemoryInvoiceStore();
  const clock = createManualClock(new Date('2026-11-27T07:00:00Z'));
  return { store, deps: { store, clock, zone: 'Asia/Shanghai' } };
}

// Rows of a file as the CLI and a sync get them (checked on the worker thread), and the same rows read here.
function bothWays(file: string): { worker: ImportRows; inProcess: ImportRows } {
  const rows = readRows(file) as ImportRows;
  expect(rows.check).toBeDefined();
  return { worker: rows, inProcess: { [Symbol.asyncIterator]: () => rows[Symbol.asyncIterator]() } };
}

describe('import files checked on a worker thread', () => {
  const tempDir = useTempDirs();

  it('stores every record of a valid file, and re-importing it changes nothing', async () => {
    const file = join(await tempDir(), 'ledger.csv');
    const rows = Array.from({ length: 2500 }, (_, i) => ledgerRow({ digital_number: number(i + 1) }));
    await writeFile(file, csv([[...LEDGER_COLUMNS], ...rows]));
    const { store, deps } = setup();
    const first = await importRecords(deps, { source: 'ledger', file: 'ledger.csv', rows: bothWays(file).worker });
    expect(first).toMatchObject({ ok: true, value: { rows: 2500, added: 2500, changed: 0, unchanged: 0 } });
    expect(await store.counts()).toEqual({ ledger: 2500, tax: 0 });
    expect((await store.get({ kind: 'digital', number: number(2500) })).ledger?.total).toBe(530000);
    const again = await importRecords(deps, { source: 'ledger', file: 'ledger.csv', rows: bothWays(file).worker });
    expect(again).toMatchObject({ ok: true, value: { rows: 2500, added: 0, changed: 0, unchanged: 2500 } });
  });

  it('reports the same row problems as the in-process check and stores nothing when one row is bad', async () => {
    const file = join(await tempDir(), 'ledger.csv');
    const rows = Array.from({ length: 1500 }, (_, i) => ledgerRow({ digital_number: number(i + 1) }));
    rows[1200] = ledgerRow({ digital_number: number(1201), total: '9.99' });
    rows[1400] = ledgerRow({ digital_number: number(5) });
    await writeFile(file, csv([[...LEDGER_COLUMNS], ...rows]));
    const { worker, inProcess } = bothWays(file);
    const a = setup();
    const viaWorker = await importRecords(a.deps, { source: 'ledger', file: 'ledger.csv', rows: worker });
    const b = setup();
    const here = await importRecords(b.deps, { source: 'ledger', file: 'ledger.csv', rows: inProcess });
    expect(viaWorker).toEqual(here);
    expect(viaWorker).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_rows',
        problemCount: 2,
        rows: 1500,
        problems: [
          { row: 1202, column: 'total', code: 'total_mismatch', value: '9.99' },
          { row: 1402, column: 'id', code: 'duplicate_in_file', value: number(5) },
        ],
      },
    });
    expect(await a.store.counts()).toEqual({ ledger: 0, tax: 0 });
  });

  it('stores nothing in the lowdb store when a row after the first streamed batches is invalid', async () => {
    const dir = await tempDir();
    const file = join(dir, 'ledger.csv');
    const rows = Array.from({ length: 3000 }, (_, i) => ledgerRow({ digital_number: number(i + 1) }));
    rows[2600] = ledgerRow({ digital_number: number(2601), total: '9.99' });
    await writeFile(file, csv([[...LEDGER_COLUMNS], ...rows]));
    const dataDir = join(dir, 'data');
    const store = await createLowdbInvoiceStore(dataDir);
    const clock = createManualClock(new Date('2026-11-27T07:00:00Z'));
    const result = await importRecords(
      { store, clock, zone: 'Asia/Shanghai' },
      { source: 'ledger', file: 'ledger.csv', rows: readRows(file) as ImportRows },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_rows', problemCount: 1, rows: 3000 } });
    expect(await store.counts()).toEqual({ ledger: 0, tax: 0 });
    expect(await readdir(join(dataDir, 'invoices', 'ledger'))).toEqual([]);
    expect(await store.lastLedgerImport()).toBeUndefined();
  });

  it('streams batches exactly as RecordLines encodes the records the in-process check makes', async () => {
    const file = join(await tempDir(), 'ledger.csv');
    // Chinese text, an emoji outside the BMP, a quote and a backslash: multi-byte UTF-8 and JSON escapes.
    const rows = Array.from({ length: 2300 }, (_, i) =>
      ledgerRow({
        digital_number: number(i + 1),
        issued_at: `2026-11-${String(1 + (i % 20)).padStart(2, '0')} 09:30:00`,
        buyer_name: i % 3 === 0 ? `北京"乙"客户\\有限公司 😀 ${i}` : '北京甲客户有限公司',
      }),
    );
    await writeFile(
      file,
      csv([
        [...LEDGER_COLUMNS],
        ...rows.map((r) => r.map((c) => (c.includes('"') ? `"${c.replaceAll('"', '""')}"` : c))),
      ]),
    );
    const check = { source: 'ledger', zone: 'Asia/Shanghai', now: Date.parse('2026-11-27T07:00:00Z') } as const;
    const expected: Array<LedgerRecord | TaxRecord> = [];
    const validator = new RowValidator(check);
    for await (const raw of readRows(file) as ImportRows) {
      const record = validator.add(raw);
      if (record) expected.push(record as LedgerRecord);
    }
    const batches: RecordLines[] = [];
    const stream = new ImportWorker().stream(file, check);
    for await (const batch of stream) batches.push(batch);
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 300]);
    // The file's line count, said before the first batch: the importer's room.
    expect(stream.expected).toBe(2300);
    for (const [i, batch] of batches.entries()) {
      const want = RecordLines.of(expected.slice(1000 * i, 1000 * (i + 1)));
      expect(Buffer.from(batch.bytes).equals(Buffer.from(want.bytes))).toBe(true);
      expect(batch.keys).toEqual(want.keys);
      expect(batch.days).toEqual(want.days);
    }
    expect(batches[0]?.records()[0]).toEqual(expected[0]);
  });

  it('ends a stream with the reason when the worker crashes part-way', async () => {
    const big = join(await tempDir(), 'big.csv');
    const rows = Array.from({ length: 200_000 }, (_, i) => ledgerRow({ digital_number: number(i + 1) }));
    await writeFile(big, csv([[...LEDGER_COLUMNS], ...rows]));
    const worker = new ImportWorker(16);
    const check = { source: 'ledger', zone: 'Asia/Shanghai', now: Date.parse('2026-11-27T07:00:00Z') } as const;
    const take = async () => {
      for await (const _ of worker.stream(big, check));
    };
    await expect(take()).rejects.toThrow(/import worker for .*big\.csv stopped .*ran out of memory \(16 MiB\)/);
  }, 60_000);

  it('names why a file cannot be read, and the row, as the in-process reader does', async () => {
    const file = join(await tempDir(), 'ledger.csv');
    await writeFile(file, `${csv([[...LEDGER_COLUMNS], ledgerRow()])}"unclosed,1\n`);
    const { store, deps } = setup();
    const viaWorker = await importRecords(deps, { source: 'ledger', file: 'l.csv', rows: bothWays(file).worker });
    expect(viaWorker).toEqual({ ok: false, error: { code: 'unreadable', reason: 'unclosed_quote', row: 3 } });
    const here = await importRecords(deps, { source: 'ledger', file: 'l.csv', rows: bothWays(file).inProcess });
    expect(here).toEqual(viaWorker);
    expect(await store.counts()).toEqual({ ledger: 0, tax: 0 });
  });

  it('says the worker stopped and why when it crashes, and the next file gets a new worker', async () => {
    const dir = await tempDir();
    const big = join(dir, 'big.csv');
    // Far more ids than a 16 MiB heap holds in the set of ids seen.
    const rows = Array.from({ length: 200_000 }, (_, i) => ledgerRow({ digital_number: number(i + 1) }));
    await writeFile(big, csv([[...LEDGER_COLUMNS], ...rows]));
    const small = join(dir, 'small.csv');
    await writeFile(small, csv([[...LEDGER_COLUMNS], ledgerRow()]));
    const worker = new ImportWorker(16);
    const check = { source: 'ledger', zone: 'Asia/Shanghai', now: Date.parse('2026-11-27T07:00:00Z') } as const;
    const crashed = worker.check(big, check, false);
    await expect(crashed).rejects.toThrow(ImportWorkerError);
    await expect(crashed).rejects.toThrow(/import worker for .*big\.csv stopped .*ran out of memory \(16 MiB\)/);
    expect(await worker.check(small, check, false)).toMatchObject({ ok: true, value: { records: 1 } });
  }, 60_000);

  it('stops a worker left idle, so what a big file left in its heap is not kept, and starts one for the next file', async () => {
    const file = join(await tempDir(), 'ledger.csv');
    await writeFile(file, csv([[...LEDGER_COLUMNS], ledgerRow()]));
    const worker = new ImportWorker(WORKER_HEAP_MIB, 100);
    const check = { source: 'ledger', zone: 'Asia/Shanghai', now: Date.parse('2026-11-27T07:00:00Z') } as const;
    expect(await worker.check(file, check, false)).toMatchObject({ ok: true, value: { records: 1 } });
    expect(worker.alive).toBe(true);
    // Stopped after 100 ms idle; a thread's exit can take a while on a loaded machine (600 ms was not always enough
    // while a whole suite ran beside it), so wait for it up to 5 s.
    for (let waited = 0; worker.alive && waited < 5_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(worker.alive).toBe(false);
    expect(await worker.check(file, check, false)).toMatchObject({ ok: true, value: { records: 1 } });
  });

  it('checks in-process rows that cannot check themselves', async () => {
    const { store, deps } = setup();
    const result = await importRecords(deps, {
      source: 'ledger',
      file: 'l.csv',
      rows: rowsOf([[...LEDGER_COLUMNS], ledgerRow()]),
    });
    expect(result).toMatchObject({ ok: true, value: { added: 1 } });
    expect(await store.counts()).toEqual({ ledger: 1, tax: 0 });
  });
});
