import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LedgerRecord, TaxRecord } from '../../src/domain/invoice.js';
import type { FindQuery, InvoiceStore } from '../../src/ports.js';
import { createLowdbInvoiceStore } from '../../src/store/lowdb-invoice-store.js';
import { createMemoryInvoiceStore } from '../../src/store/memory-invoice-store.js';
import { createPostgresInvoiceStore } from '../../src/store/postgres/postgres-invoice-store.js';
import { bruteForceFind, FEW_MATCHES, findDataset, MANY_MATCHES } from '../helpers/find-dataset.js';
import { coverage, ledger, tax } from '../helpers/fixtures.js';
import { listed } from '../helpers/listed-changes.js';
import { describePostgres, useMigratedSchema } from '../helpers/postgres.js';
import { useTempDirs } from '../helpers/temp-dir.js';

type Store = InvoiceStore;

const now = new Date('2026-11-27T07:00:00Z');
const later = new Date('2026-11-28T07:00:00Z');
const digital = { kind: 'digital', number: '26112000000000100001' } as const;
const paperDigital = { kind: 'digital', number: '26112000000000100030' } as const;
const paperLegacy = { kind: 'legacy', code: '011002600111', number: '00100030' } as const;
const red = { kind: 'digital', number: '26112000000000100022' } as const;

/** The behaviour every invoice store promises through the port, whatever keeps the bytes. */
function invoiceStoreContract(fresh: () => Promise<Store>): void {
  it('finds both sides of an invoice under any of its ids, and says which ids it knows', async () => {
    const store = await fresh();
    const paper = { ids: [paperDigital, paperLegacy] };
    await store.importLedger([ledger(), ledger(paper)], now);
    await store.importTax([tax(paper)], coverage('2026-11-01', '2026-11-26'), now);
    expect(await store.get(paperLegacy)).toEqual({ ledger: ledger(paper), tax: tax(paper) });
    expect(await store.get(paperDigital)).toEqual({ ledger: ledger(paper), tax: tax(paper) });
    expect(await store.get(digital)).toEqual({ ledger: ledger() });
    expect(await store.get(red)).toEqual({});
    expect([await store.has(paperLegacy), await store.has(digital), await store.has(red)]).toEqual([true, true, false]);
    // Many probes in one call (the near-match variants), answered in the order asked.
    expect(await store.known([red, digital, paperLegacy])).toEqual([digital, paperLegacy]);
    expect(await store.counts()).toEqual({ ledger: 2, tax: 1 });
    expect(await store.missingFromTax()).toEqual([digital]);
  });

  it('answers a lookup (the invoice, the coverage, its red letters) as the three reads do, where it has one', async () => {
    const store = await fresh();
    const paper = { ids: [paperDigital, paperLegacy] };
    await store.importLedger([ledger(), ledger(paper)], now);
    await store.importTax(
      [tax(paper), tax({ ids: [red], total: -530000, positive: false, redOf: paperDigital })],
      coverage('2026-11-01', '2026-11-26'),
      now,
    );
    const lookup = store.lookup?.bind(store);
    if (!lookup) return;
    for (const asked of [digital, paperLegacy, red, { kind: 'digital', number: '26112000000000109999' } as const])
      expect(await lookup(asked)).toEqual({
        pair: await store.get(asked),
        coverage: await store.coverage(),
        reversedBy: await store.reversedBy(asked),
      });
    expect((await lookup(paperLegacy)).reversedBy).toEqual([red]);
  });

  it('reports what an import added, changed and left alone, and keeps each status change in the history', async () => {
    const store = await fresh();
    const other = tax({ ids: [red], total: -530000, positive: false, redOf: digital });
    expect(listed(await store.importTax([tax(), other], undefined, now))).toEqual({
      added: 2,
      changed: 0,
      unchanged: 0,
      touched: ['D26112000000000100001', 'D26112000000000100022'],
    });
    const reversed = tax({ status: 'red_reversed', statusLabel: '已红冲' });
    expect(listed(await store.importTax([other, reversed], undefined, later))).toEqual({
      added: 0,
      changed: 1,
      unchanged: 1,
      touched: ['D26112000000000100001'],
    });
    expect((await store.get(digital)).tax).toEqual({
      ...reversed,
      history: [{ at: later.toISOString(), from: '正常', to: '已红冲' }],
    });
    // A change that keeps the status keeps the history as it was.
    const renamed = { ...reversed, issuer: '王五' };
    expect(await store.importTax([renamed], undefined, later)).toMatchObject({ changed: 1 });
    expect((await store.get(digital)).tax?.history).toHaveLength(1);
    expect(await store.counts()).toEqual({ ledger: 0, tax: 2 });
    expect(await store.reversedBy(digital)).toEqual([red]);
  });

  it('merges a file that lists one invoice twice: the later row against the earlier, counted twice', async () => {
    const store = await fresh();
    const voided: LedgerRecord = ledger({ erpStatus: 'voided' });
    expect(listed(await store.importLedger([ledger(), voided], now))).toEqual({
      added: 1,
      changed: 1,
      unchanged: 0,
      touched: ['D26112000000000100001', 'D26112000000000100001'],
    });
    expect((await store.get(digital)).ledger).toMatchObject({
      erpStatus: 'voided',
      history: [{ from: 'issued', to: 'voided' }],
    });
    expect(await store.counts()).toEqual({ ledger: 1, tax: 0 });
  });

  it('keeps both of two imports that run at the same moment', async () => {
    const store = await fresh();
    const other = ledger({ ids: [{ kind: 'digital', number: '26112000000000100002' }] });
    await Promise.all([store.importLedger([ledger()], now), store.importLedger([other], now)]);
    expect(await store.counts()).toEqual({ ledger: 2, tax: 0 });
  });

  it('points an alias at the invoice that names it last', async () => {
    const store = await fresh();
    const other = { kind: 'digital', number: '26112000000000100031' } as const;
    await store.importLedger([ledger({ ids: [paperDigital, paperLegacy] })], now);
    // A later file gives the legacy code + number to another invoice (a corrected paper 数电 invoice).
    await store.importLedger([ledger({ ids: [other, paperLegacy], note: 'corrected' })], later);
    expect((await store.get(paperLegacy)).ledger?.ids).toEqual([other, paperLegacy]);
    expect((await store.get(paperDigital)).ledger?.ids).toEqual([paperDigital, paperLegacy]);
    expect(await store.known([paperLegacy, other])).toEqual([paperLegacy, other]);
  });

  it('finds invoices by their 8-digit number: a legacy number, or the tail of a 数电 number', async () => {
    const store = await fresh();
    await store.importLedger([ledger(), ledger({ ids: [paperDigital, paperLegacy] })], now);
    expect(await store.byNumber8('00100001')).toEqual([digital]);
    expect(await store.byNumber8('00100030')).toEqual([paperDigital]);
    expect(await store.byNumber8('99999999')).toEqual([]);
  });

  it('keeps the coverage of each tax file, refreshes a re-imported one, and remembers the last ledger import', async () => {
    const store = await fresh();
    const nov = coverage('2026-11-01', '2026-11-26');
    await store.importTax([tax()], nov, now);
    await store.importTax([tax()], coverage('2026-11-27', '2026-11-27'), now);
    const refreshed = { ...nov, importedAt: later.toISOString() };
    expect(await store.importTax([tax()], refreshed, later)).toMatchObject({ unchanged: 1 });
    // A filtered import says nothing about coverage.
    await store.importTax([], undefined, later);
    expect(await store.coverage()).toEqual([refreshed, coverage('2026-11-27', '2026-11-27')]);
    expect(await store.lastLedgerImport()).toBeUndefined();
    await store.importLedger([ledger()], now, coverage('2026-11-10', '2026-11-10'));
    await store.importLedger([], now, coverage('2026-11-11', '2026-11-11'));
    expect(await store.lastLedgerImport()).toEqual(coverage('2026-11-11', '2026-11-11'));
    expect(await store.coverage()).toHaveLength(2);
  });

  it('finds an invoice by the names and issue day it has now, after either side changed them', async () => {
    const store = await fresh();
    const counts = async (...queries: FindQuery[]) =>
      Promise.all(queries.map(async (q) => (await store.find(q, 10)).count));
    await store.importTax([tax({ buyerName: '旧名有限公司', issuedAt: '2026-11-02T09:30:00+08:00' })], undefined, now);
    expect(await counts({ name: '旧名' }, { dayFrom: '2026-11-02', name: '旧名' })).toEqual([1, 1]);
    // The ledger's issue time wins over the tax side's; a name of either side still finds the invoice.
    await store.importLedger([ledger({ buyerName: '新名有限公司', issuedAt: '2026-11-05T09:30:00+08:00' })], now);
    expect(
      await counts(
        { dayFrom: '2026-11-02', name: '旧名' },
        { dayFrom: '2026-11-05', name: '旧名' },
        { dayFrom: '2026-11-05', name: '新名' },
      ),
    ).toEqual([0, 1, 1]);
    // A changed tax record drops the name it no longer carries.
    await store.importTax([tax({ buyerName: '新名有限公司', issuedAt: '2026-11-02T09:30:00+08:00' })], undefined, now);
    expect(await counts({ name: '旧名' }, { name: '新名' })).toEqual([0, 1]);
    // A changed ledger record: a new name, and a new issue day.
    await store.importLedger([ledger({ buyerName: '另名有限公司', issuedAt: '2026-11-06T09:30:00+08:00' })], later);
    expect(
      await counts(
        { dayFrom: '2026-11-05', name: '另名' },
        { dayFrom: '2026-11-06', name: '另名' },
        { dayFrom: '2026-11-06', name: '新名' },
        { dayFrom: '2026-11-05', name: '新名' },
      ),
    ).toEqual([0, 1, 1, 0]);
  });

  describe('find', () => {
    const data = findDataset(1000);
    const all: Array<LedgerRecord | TaxRecord> = [...data.ledger, ...data.tax];
    let store: Store;
    beforeAll(async () => {
      store = await fresh();
      await store.importLedger(data.ledger, now);
      await store.importTax(data.tax, undefined, now);
    });

    it.each<FindQuery>([...FEW_MATCHES, ...MANY_MATCHES, { dayFrom: '2026-10-02' }, { name: '100%' }])(
      'answers %j with the newest ten and the count as the port documents it',
      async (query) => {
        const want = bruteForceFind(all, query, 10);
        const got = await store.find(query, 10);
        expect(got.pairs.map((p) => p.ledger?.issuedAt)).toEqual(want.newest);
        // Exact when `more` is false; when true, more than `count` match, and counting stopped at 200 or later.
        if (got.more) expect([got.count >= 200, want.count > got.count]).toEqual([true, true]);
        else expect(got.count).toBe(want.count);
      },
    );
  });
}

describe('in-memory invoice store', () => {
  invoiceStoreContract(async () => createMemoryInvoiceStore());
});

describe('lowdb invoice store', () => {
  const tempDir = useTempDirs();
  invoiceStoreContract(async () => createLowdbInvoiceStore(await tempDir()));
});

async function emptyInvoiceTables(pool: pg.Pool): Promise<void> {
  await pool.query('TRUNCATE invoice_ids, invoices, invoice_names, invoice_name_refs, import_coverage');
  await pool.query('UPDATE invoice_counts SET records = 0');
}

describePostgres('PostgreSQL invoice store', () => {
  const db = useMigratedSchema();
  invoiceStoreContract(async () => {
    await emptyInvoiceTables(db.pool);
    return createPostgresInvoiceStore(db.pool);
  });
});

// Every import rebuilds `invoices` here, as a bulk import does (the default rebuilds only from 20,000 invoices).
describePostgres('PostgreSQL invoice store, every import a rebuild', () => {
  const db = useMigratedSchema();
  invoiceStoreContract(async () => {
    await emptyInvoiceTables(db.pool);
    return createPostgresInvoiceStore(db.pool, { rebuild: () => true });
  });
});
