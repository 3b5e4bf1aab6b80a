import { expect, it } from 'vitest';
import type { LedgerRecord, TaxRecord } from '../../../src/domain/invoice.js';
import { RecordLines } from '../../../src/domain/record-lines.js';
import { RowsRefused } from '../../../src/domain/rows-refused.js';
import { migrate } from '../../../src/store/postgres/migrate.js';
import { createPostgresInvoiceStore } from '../../../src/store/postgres/postgres-invoice-store.js';
import { coverage, ledger, tax } from '../../helpers/fixtures.js';
import { listed } from '../../helpers/listed-changes.js';
import { describePostgres, usePostgresSchemas } from '../../helpers/postgres.js';

const now = new Date('2026-11-27T07:00:00Z');
const later = new Date('2026-11-28T07:00:00Z');
const id = (n: number) => ({ kind: 'digital', number: `261120000000002${String(n).padStart(5, '0')}` }) as const;
const key = (n: number) => `D${id(n).number}`;

async function* batchesOf<R>(...batches: R[][]): AsyncIterable<R[]> {
  for (const batch of batches) yield batch;
}

describePostgres('PostgreSQL importBatches (records streamed into COPY as they arrive)', () => {
  const schemas = usePostgresSchemas();
  async function freshStore() {
    const schema = schemas();
    await migrate(schema.pool, { schema: schema.name });
    const store = createPostgresInvoiceStore(schema.pool);
    const importBatches = store.importBatches;
    if (!importBatches) throw new Error('the PostgreSQL store takes batches');
    return { store, importBatches, pool: schema.pool };
  }

  it('stores every batch, says what it added, changed and left alone, and keeps a status change in the history', async () => {
    const { store, importBatches } = await freshStore();
    const records = [1, 2, 3].map((n) => ledger({ ids: [id(n)] }));
    const first = await importBatches('ledger', batchesOf(records.slice(0, 2), [], records.slice(2)), now, () =>
      coverage('2026-11-10', '2026-11-11'),
    );
    expect(listed(first)).toEqual({ added: 3, changed: 0, unchanged: 0, touched: [key(1), key(2), key(3)] });
    expect(await store.get(id(3))).toEqual({ ledger: records[2] });
    expect(await store.counts()).toEqual({ ledger: 3, tax: 0 });
    expect(await store.lastLedgerImport()).toEqual(coverage('2026-11-10', '2026-11-11'));

    const voided = records.map((r, i) => (i === 1 ? { ...r, erpStatus: 'voided' as const } : r));
    const fourth = ledger({ ids: [id(4)] });
    const second = await importBatches('ledger', batchesOf(voided, [fourth]), later, () => undefined);
    expect(listed(second)).toEqual({ added: 1, changed: 1, unchanged: 2, touched: [key(2), key(4)] });
    expect((await store.get(id(2))).ledger).toEqual({
      ...voided[1],
      history: [{ at: later.toISOString(), from: 'issued', to: 'voided' }],
    });
    expect(await store.counts()).toEqual({ ledger: 4, tax: 0 });
    // Unchanged facts with a different history (a re-export never carries ours) are unchanged, and not rewritten.
    const again = await importBatches(
      'ledger',
      batchesOf([{ ...voided[1], history: [] } as LedgerRecord]),
      later,
      () => undefined,
    );
    expect(listed(again)).toEqual({ added: 0, changed: 0, unchanged: 1, touched: [] });
    expect((await store.get(id(2))).ledger?.history).toHaveLength(1);
  });

  it('adds the tax side to ledger invoices, with the coverage it is given once every batch was taken', async () => {
    const { store, importBatches } = await freshStore();
    await store.importLedger([ledger({ ids: [id(1)] }), ledger({ ids: [id(2)] })], now);
    const taken: string[] = [];
    async function* watched(): AsyncIterable<TaxRecord[]> {
      taken.push('batch 1');
      yield [tax({ ids: [id(1)] })];
      taken.push('batch 2');
      yield [tax({ ids: [id(3)] })];
    }
    const changes = await importBatches('tax', watched(), now, () => {
      taken.push('meta');
      return coverage('2026-11-01', '2026-11-26');
    });
    expect(listed(changes)).toEqual({ added: 2, changed: 0, unchanged: 0, touched: [key(1), key(3)] });
    expect(taken).toEqual(['batch 1', 'batch 2', 'meta']);
    expect(await store.get(id(1))).toEqual({ ledger: ledger({ ids: [id(1)] }), tax: tax({ ids: [id(1)] }) });
    expect(await store.counts()).toEqual({ ledger: 2, tax: 2 });
    expect(await store.coverage()).toEqual([coverage('2026-11-01', '2026-11-26')]);
    expect(await store.missingFromTax()).toEqual([id(2)]);
  });

  it('writes nothing when the batches fail part-way: the transaction is rolled back', async () => {
    const { store, importBatches } = await freshStore();
    async function* failing(): AsyncIterable<LedgerRecord[]> {
      yield [ledger({ ids: [id(1)] })];
      throw new Error('the import worker stopped');
    }
    await expect(importBatches('ledger', failing(), now, () => coverage('2026-11-10', '2026-11-11'))).rejects.toThrow(
      'the import worker stopped',
    );
    expect(await store.counts()).toEqual({ ledger: 0, tax: 0 });
    expect(await store.get(id(1))).toEqual({});
    expect(await store.lastLedgerImport()).toBeUndefined();
    // A text COPY must escape what would end a field or a row: such a record round-trips intact.
    const odd = ledger({ ids: [id(5)], note: 'tab\there\nnew line \\ backslash\r' });
    expect(await importBatches('ledger', batchesOf([odd]), now, () => undefined)).toMatchObject({ added: 1 });
    expect(await store.get(id(5))).toEqual({ ledger: odd });
  });

  it('takes JSON lines while the worker still checks the file, and keeps nothing of a file refused part-way', async () => {
    const { store } = await freshStore();
    const importLines = store.importLines;
    if (!importLines) throw new Error('the PostgreSQL store takes JSON lines');
    const records = [1, 2, 3].map((n) => ledger({ ids: [id(n)], note: n === 2 ? 'a "quoted" \\ note\t' : '' }));
    async function* refused(): AsyncIterable<RecordLines> {
      yield RecordLines.of(records.slice(0, 2));
      throw new RowsRefused({ code: 'empty_file' });
    }
    await expect(importLines('ledger', refused(), now, () => coverage('2026-11-10', '2026-11-11'))).rejects.toThrow(
      RowsRefused,
    );
    expect(await store.counts()).toEqual({ ledger: 0, tax: 0 });
    expect(await store.lastLedgerImport()).toBeUndefined();
    // The import lock and the connection were given back: the next import goes through.
    async function* whole(): AsyncIterable<RecordLines> {
      yield RecordLines.of(records.slice(0, 2));
      yield RecordLines.of([]);
      yield RecordLines.of(records.slice(2));
    }
    const changes = await importLines('ledger', whole(), now, () => coverage('2026-11-10', '2026-11-11'));
    expect(listed(changes)).toEqual({ added: 3, changed: 0, unchanged: 0, touched: [key(1), key(2), key(3)] });
    // Lines without a backslash are sent as their own bytes (Chinese names included); the one with JSON escapes is
    // escaped for COPY: each comes back as it went in.
    expect(await store.get(id(1))).toEqual({ ledger: records[0] });
    expect(records[0]?.sellerName).toMatch(/[\u4e00-\u9fff]/);
    expect(await store.get(id(2))).toEqual({ ledger: records[1] });
    expect(await store.get(id(3))).toEqual({ ledger: records[2] });
    expect(await store.lastLedgerImport()).toEqual(coverage('2026-11-10', '2026-11-11'));
  });
  it('reads the ids of a line sent as bytes from the line itself: aliases, the primary key, the 8-digit number, red letters', async () => {
    const { store } = await freshStore();
    const importLines = store.importLines;
    if (!importLines) throw new Error('the PostgreSQL store takes JSON lines');
    // A paper 数电 invoice listed by its legacy code + number first (its primary key is still the 数电 number); a
    // legacy paper invoice, and a red letter reversing it; a note that looks like the keys read from the line.
    const alias = { kind: 'legacy', code: '011002400111', number: '40000007' } as const;
    const paper = tax({ ids: [alias, id(7)], note: 'ids:[{kind:legacy}] redOf:{}' });
    const legacy = { kind: 'legacy', code: '011002400111', number: '40000009' } as const;
    const blue = tax({ ids: [legacy] });
    const red = tax({ ids: [id(8)], redOf: legacy, total: -10639, positive: false });
    async function* lines(): AsyncIterable<RecordLines> {
      yield RecordLines.of([paper, blue, red]);
    }
    const changes = await importLines('tax', lines(), now, () => undefined);
    expect(listed(changes)).toEqual({
      added: 3,
      changed: 0,
      unchanged: 0,
      touched: ['L011002400111-40000007', 'L011002400111-40000009', key(8)],
    });
    expect(await store.get(alias)).toEqual({ tax: paper });
    expect(await store.get(id(7))).toEqual({ tax: paper });
    expect(await store.byNumber8('40000007')).toEqual([id(7)]);
    expect(await store.byNumber8('40000009')).toEqual([legacy]);
    expect(await store.reversedBy(legacy)).toEqual([id(8)]);
    expect(await store.get(id(8))).toEqual({ tax: red });
  });
});
