import { expect, it, vi } from 'vitest';
import type { TaxRecord } from '../../../src/domain/invoice.js';
import { DiagnosisSettings } from '../../../src/domain/settings.js';
import { createManualClock } from '../../../src/lib/clocks.js';
import type { InvoiceStore } from '../../../src/ports.js';
import { lookUpInvoice } from '../../../src/services/look-up-invoice.js';
import { loadChinaCalendar } from '../../../src/store/china-calendar.js';
import { loadFilingTable } from '../../../src/store/filing-calendar-file.js';
import { migrate } from '../../../src/store/postgres/migrate.js';
import { createPostgresInvoiceStore } from '../../../src/store/postgres/postgres-invoice-store.js';
import { bulkRebuild, InvoicesBusyError } from '../../../src/store/postgres/rebuild-invoices.js';
import { coverage, ledger, tax } from '../../helpers/fixtures.js';
import { listed } from '../../helpers/listed-changes.js';
import { describePostgres, type TestSchema, usePostgresSchemas } from '../../helpers/postgres.js';

const now = new Date('2026-11-27T07:00:00Z');
const id = (n: number) => ({ kind: 'digital', number: `261120000000001${String(n).padStart(5, '0')}` }) as const;

describePostgres('createPostgresInvoiceStore', () => {
  const schemas = usePostgresSchemas();
  async function twoReplicas(): Promise<[TestSchema, TestSchema]> {
    const a = schemas();
    await migrate(a.pool, { schema: a.name });
    // The second replica: its own pool and connections on the same schema.
    return [a, schemas(a.name)];
  }

  it('writes nothing of an import that fails part-way, coverage included', async () => {
    const [a] = await twoReplicas();
    const store = createPostgresInvoiceStore(a.pool);
    // PostgreSQL refuses a NUL character in jsonb: the COPY fails on the second record, after the first was sent.
    const bad: TaxRecord = tax({ ids: [id(2)], issuer: 'bad\u0000name' });
    await expect(
      store.importTax([tax({ ids: [id(1)] }), bad], coverage('2026-11-01', '2026-11-26'), now),
    ).rejects.toThrow();
    expect(await store.counts()).toEqual({ ledger: 0, tax: 0 });
    expect(await store.get(id(1))).toEqual({});
    expect(await store.coverage()).toEqual([]);
    // The next import works: the failed one left no lock, temp table or open transaction behind.
    expect(await store.importTax([tax({ ids: [id(1)] })], undefined, now)).toMatchObject({ added: 1 });
  });

  it('shares one set of invoices between replicas: an import on one is seen by the other at once', async () => {
    const [a, b] = await twoReplicas();
    const one = createPostgresInvoiceStore(a.pool);
    const two = createPostgresInvoiceStore(b.pool);
    await Promise.all([
      one.importLedger([ledger({ ids: [id(1)] }), ledger({ ids: [id(2)] })], now),
      two.importLedger([ledger({ ids: [id(2)], erpStatus: 'voided' }), ledger({ ids: [id(3)] })], now),
    ]);
    expect(await two.counts()).toEqual({ ledger: 3, tax: 0 });
    // Whichever import went second merged against the first: invoice 2 was added once and changed once.
    expect((await one.get(id(2))).ledger?.history).toHaveLength(1);
    await two.importTax([tax({ ids: [id(3)] })], coverage('2026-11-01', '2026-11-26'), now);
    expect(await one.get(id(3))).toMatchObject({ tax: { status: 'normal' } });
    expect(await one.coverage()).toEqual([coverage('2026-11-01', '2026-11-26')]);
    expect(await one.missingFromTax()).toEqual([id(1), id(2)]);
  });

  it('runs imports one at a time on a schema, while a bot on another schema of the database imports meanwhile', async () => {
    const [a] = await twoReplicas();
    const other = schemas();
    await migrate(other.pool, { schema: other.name });
    // An import in progress on schema a: a transaction holding a's import lock.
    const holder = await a.pool.connect();
    await holder.query('BEGIN');
    await holder.query("SELECT pg_advisory_xact_lock(hashtext('invoice-desk:import:' || current_schema()))");
    try {
      const waiting = createPostgresInvoiceStore(a.pool).importLedger([ledger({ ids: [id(1)] })], now);
      const settled = vi.fn();
      waiting.then(settled, settled);
      expect(await createPostgresInvoiceStore(other.pool).importLedger([ledger({ ids: [id(2)] })], now)).toMatchObject({
        added: 1,
      });
      expect(settled).not.toHaveBeenCalled();
      await holder.query('COMMIT');
      expect(await waiting).toMatchObject({ added: 1 });
    } finally {
      holder.release();
    }
  });

  it('gives the same answers after a bulk import rebuilt the invoices as after imports in place', async () => {
    const [a] = await twoReplicas();
    const b = schemas();
    await migrate(b.pool, { schema: b.name });
    const rebuilt = createPostgresInvoiceStore(a.pool, { rebuild: () => true });
    const inPlace = createPostgresInvoiceStore(b.pool, { rebuild: () => false });
    const legacy = { kind: 'legacy', code: '011002600111', number: '00200030' } as const;
    const imports = async (store: InvoiceStore) => {
      await store.importLedger(
        [ledger({ ids: [id(1)] }), ledger({ ids: [id(2), legacy], requester: 'UOTHER', buyerName: '上海乙公司' })],
        now,
      );
      await store.importTax(
        [
          tax({ ids: [id(2), legacy], total: 530001 }),
          tax({ ids: [id(3)], total: -530000, positive: false, redOf: id(2), sellerName: '红字公司' }),
        ],
        coverage('2026-11-01', '2026-11-26'),
        now,
      );
      // A changed ledger record (new name, new issue time) and a repeat of the same file.
      await store.importLedger(
        [ledger({ ids: [id(1)], buyerName: '改名公司', issuedAt: '2026-11-12T10:00:00+08:00' })],
        now,
      );
      await store.importTax([tax({ ids: [id(3)], total: -530000, positive: false, redOf: id(2) })], undefined, now);
    };
    await imports(rebuilt);
    await imports(inPlace);
    const answers = async (store: InvoiceStore) => ({
      pairs: await Promise.all([id(1), id(2), legacy, id(3), id(9)].map((asked) => store.lookup?.(asked))),
      counts: await store.counts(),
      missing: await store.missingFromTax(),
      byNumber8: await store.byNumber8('00200030'),
      finds: await Promise.all(
        [{ name: '改名' }, { name: '红字' }, { name: '甲客户' }, { total: 530001 }, { requester: 'UOTHER' }, {}].map(
          (query) => store.find(query, 10),
        ),
      ),
    });
    const expected = await answers(inPlace);
    expect(expected.finds.map((f) => f.count)).toEqual([1, 0, 2, 1, 1, 3]);
    expect(await answers(rebuilt)).toEqual(expected);
    // The rebuilt tables (the invoices, and their ids and name rows, which the first import wrote afresh) have every
    // index, constraint and name migrated ones have.
    const shape = async (schema: TestSchema) =>
      (
        await schema.pool.query<{ def: string }>(
          `SELECT replace(pg_get_indexdef(indexrelid), $1 || '.', '') AS def FROM pg_index
           WHERE indrelid = ANY ($2::regclass[])
           UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
           WHERE conrelid = ANY ($2::regclass[]) ORDER BY 1`,
          [schema.name, ['invoices', 'invoice_ids', 'invoice_name_refs']],
        )
      ).rows.map((r) => r.def);
    expect(await shape(a)).toEqual(await shape(b));
    expect(await shape(a)).toEqual(
      expect.arrayContaining([
        'invoices_pkey PRIMARY KEY (pk)',
        'invoice_ids_pkey PRIMARY KEY (id_key)',
        'invoice_name_refs_pkey PRIMARY KEY (name_id, issued_at, pk)',
      ]),
    );
    expect(await a.pool.query("SELECT 1 FROM pg_class WHERE relname LIKE '%\\_next'")).toMatchObject({ rowCount: 0 });
    // The name rows and ids are the same rows, whichever way they were written.
    const rowsOf = async (schema: TestSchema) => ({
      refs: (
        await schema.pool.query(
          'SELECT nm.name, r.issued_at, r.pk FROM invoice_name_refs r JOIN invoice_names nm ON nm.id = r.name_id ORDER BY 1, 2, 3',
        )
      ).rows,
      ids: (await schema.pool.query('SELECT id_key, pk, number8 FROM invoice_ids ORDER BY 1')).rows,
    });
    expect(await rowsOf(a)).toEqual(await rowsOf(b));
  });

  it('serves a replica that prepared its lookups before another replica rebuilt the invoices', async () => {
    const [a, b] = await twoReplicas();
    const importer = createPostgresInvoiceStore(a.pool, { rebuild: () => true });
    const reader = createPostgresInvoiceStore(b.pool);
    await importer.importLedger([ledger({ ids: [id(1)] })], now);
    // The reader's connection has prepared its named lookup on the first table.
    expect((await reader.lookup?.(id(1)))?.pair).toEqual({ ledger: ledger({ ids: [id(1)] }) });
    await importer.importTax([tax({ ids: [id(1)] })], coverage('2026-11-01', '2026-11-26'), now);
    expect((await reader.lookup?.(id(1)))?.pair).toEqual({
      ledger: ledger({ ids: [id(1)] }),
      tax: tax({ ids: [id(1)] }),
    });
    expect(await reader.find({ requester: 'UEMP' }, 10)).toMatchObject({ count: 1 });
  });

  it('rolls a bulk import back rather than hold every lookup behind a long reader of the invoices', async () => {
    const [a, b] = await twoReplicas();
    const importer = createPostgresInvoiceStore(a.pool, { rebuild: () => true });
    const reader = createPostgresInvoiceStore(b.pool);
    await importer.importLedger([ledger({ ids: [id(1)] })], now);
    // A long reader, as a pg_dump is: a transaction that has read the invoices and stays open.
    const long = await b.pool.connect();
    try {
      await long.query('BEGIN');
      await long.query('SELECT count(*) FROM invoices');
      const importing = importer.importTax([tax({ ids: [id(1)] })], coverage('2026-11-01', '2026-11-26'), now);
      // Between the swap's tries the other replica's lookups are answered.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await reader.lookup?.(id(1)))?.pair).toEqual({ ledger: ledger({ ids: [id(1)] }) });
      await expect(importing).rejects.toThrow(InvoicesBusyError);
    } finally {
      await long.query('ROLLBACK');
      long.release();
    }
    // Nothing of the import stayed, and the next one goes through.
    expect(await reader.get(id(1))).toEqual({ ledger: ledger({ ids: [id(1)] }) });
    expect(await reader.coverage()).toEqual([]);
    await importer.importTax([tax({ ids: [id(1)] })], coverage('2026-11-01', '2026-11-26'), now);
    expect((await reader.get(id(1))).tax).toEqual(tax({ ids: [id(1)] }));
  }, 30_000);

  it("answers lookups between the swap's tries when a first import also swaps its ids and name rows", async () => {
    const [a, b] = await twoReplicas();
    const importer = createPostgresInvoiceStore(a.pool, { rebuild: () => true });
    const reader = createPostgresInvoiceStore(b.pool);
    // A long reader of the (still empty) name rows only: the first import swaps them in after the invoices and ids.
    const long = await b.pool.connect();
    try {
      await long.query('BEGIN');
      await long.query('SELECT count(*) FROM invoice_name_refs');
      const importing = importer.importLedger([ledger({ ids: [id(1)] })], now);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // One try waits at most 1 s: a lookup must not wait for all three (the invoices held while the name rows wait).
      const asked = performance.now();
      expect((await reader.lookup?.(id(1)))?.pair).toEqual({});
      expect(performance.now() - asked).toBeLessThan(2500);
      await expect(importing).rejects.toThrow(InvoicesBusyError);
    } finally {
      await long.query('ROLLBACK');
      long.release();
    }
    expect(await reader.counts()).toEqual({ ledger: 0, tax: 0 });
    await importer.importLedger([ledger({ ids: [id(1)] })], now);
    expect((await reader.lookup?.(id(1)))?.pair).toEqual({ ledger: ledger({ ids: [id(1)] }) });
  }, 30_000);

  it('rebuilds a bulk import only, and writes a small one into the table in place', () => {
    expect(bulkRebuild(950_000, 1_000_000)).toBe(true);
    expect(bulkRebuild(100_000, 0)).toBe(true);
    expect(bulkRebuild(19_999, 0)).toBe(false);
    expect(bulkRebuild(30_000, 1_000_000)).toBe(false);
  });

  it('says which of many ids it knows in one query, in the order asked', async () => {
    const [a] = await twoReplicas();
    const store = createPostgresInvoiceStore(a.pool);
    await store.importLedger([ledger({ ids: [id(7)] }), ledger({ ids: [id(3)] })], now);
    const asked = Array.from({ length: 400 }, (_, i) => id(i));
    expect(await store.known(asked)).toEqual([id(3), id(7)]);
    expect(await store.known([])).toEqual([]);
  });

  it('imports ten thousand records and re-imports them as unchanged', async () => {
    const [a] = await twoReplicas();
    const store = createPostgresInvoiceStore(a.pool);
    const records = Array.from({ length: 10_000 }, (_, i) =>
      ledger({ ids: [id(i)], note: `tab\tand\\slash\nline ${i}` }),
    );
    expect(await store.importLedger(records, now)).toMatchObject({ added: 10_000, changed: 0 });
    expect(listed(await store.importLedger(records, now))).toEqual({
      added: 0,
      changed: 0,
      unchanged: 10_000,
      touched: [],
    });
    expect((await store.get(id(9_999))).ledger?.note).toBe('tab\tand\\slash\nline 9999');
    expect(await store.counts()).toEqual({ ledger: 10_000, tax: 0 });
  });

  it('answers what a lookup reads (the invoice, the coverage, its red letters) in one query, as the three reads do', async () => {
    const [a] = await twoReplicas();
    const store = createPostgresInvoiceStore(a.pool);
    const legacy = { kind: 'legacy', code: '011002600111', number: '00200030' } as const;
    await store.importLedger([ledger({ ids: [id(1)] }), ledger({ ids: [id(2), legacy] })], now);
    await store.importTax(
      [tax({ ids: [id(2), legacy] }), tax({ ids: [id(3)], total: -530000, positive: false, redOf: id(2) })],
      coverage('2026-11-01', '2026-11-26'),
      now,
    );
    await store.importTax([], coverage('2026-11-27', '2026-11-27'), now);
    const lookup = store.lookup;
    if (!lookup) throw new Error('the PostgreSQL store answers a lookup in one query');
    // Found, found through an alias (and reversed by a red letter), not found, and a red letter itself.
    for (const asked of [id(1), legacy, id(9), id(3)]) {
      const separately = {
        pair: await store.get(asked),
        coverage: await store.coverage(),
        reversedBy: await store.reversedBy(asked),
      };
      const queries = vi.spyOn(a.pool, 'query');
      expect(await lookup(asked)).toEqual(separately);
      expect(queries).toHaveBeenCalledTimes(1);
      queries.mockRestore();
    }
    expect((await lookup(legacy)).reversedBy).toEqual([id(3)]);
    expect((await lookup(id(9))).coverage).toHaveLength(2);
  });

  it('costs a lookup of a found invoice one query', async () => {
    const [a] = await twoReplicas();
    const store = createPostgresInvoiceStore(a.pool);
    await store.importLedger([ledger({ ids: [id(1)] })], now);
    const deps = {
      store,
      windows: { windows: async () => [] },
      clock: createManualClock(now),
      settings: DiagnosisSettings.parse({}),
      zone: 'Asia/Shanghai',
      calendar: await loadChinaCalendar('/nonexistent-invoice-desk'),
      filing: await loadFilingTable('/nonexistent-invoice-desk'),
    };
    const queries = vi.spyOn(a.pool, 'query');
    const found = await lookUpInvoice(deps, { raw: id(1).number, id: id(1), problems: [] });
    expect(found.pair).toEqual({ ledger: ledger({ ids: [id(1)] }) });
    expect(queries).toHaveBeenCalledTimes(1);
  });
});
