import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/lib/clocks.js';
import { importRecords } from '../../src/services/import-records.js';
import { createMemoryInvoiceStore } from '../../src/store/memory-invoice-store.js';
import { LEDGER_COLUMNS, ledgerRow, rowsOf, TAX_COLUMNS, taxRow } from '../helpers/rows.js';

const zone = 'Asia/Shanghai';
const digital = { kind: 'digital', number: '26112000000000100001' } as const;

function setup() {
  const store = createMemoryInvoiceStore();
  const clock = createManualClock(new Date('2026-11-27T07:00:00Z'));
  return { store, clock, deps: { store, clock, zone } };
}

describe('importRecords', () => {
  it('hands a store that takes batches the records as they come, never as one collected array', async () => {
    const memory = createMemoryInvoiceStore();
    const refuse = async (): Promise<never> => {
      throw new Error('records were collected into one array');
    };
    const store = { ...memory, importLedger: refuse, importTax: refuse };
    const deps = { ...setup().deps, store };
    for (const [source, header, row] of [
      ['ledger', LEDGER_COLUMNS, ledgerRow()],
      ['tax', TAX_COLUMNS, taxRow()],
    ] as const) {
      const result = await importRecords(deps, { source, file: 'f.csv', rows: rowsOf([[...header], row]) });
      expect(result).toMatchObject({ ok: true, value: { added: 1 } });
    }
    expect(await store.counts()).toEqual({ ledger: 1, tax: 1 });
  });

  it('stores through importLedger and importTax, with the same outcome, for a store that takes no batches', async () => {
    const batched = setup();
    const { importBatches: _none, ...plain } = createMemoryInvoiceStore();
    const unbatched = { ...setup().deps, store: plain };
    for (const deps of [batched.deps, unbatched]) {
      const rows = () => rowsOf([[...LEDGER_COLUMNS], ledgerRow()]);
      const result = await importRecords(deps, { source: 'ledger', file: 'l.csv', rows: rows() });
      expect(result).toMatchObject({ ok: true, value: { rows: 1, added: 1, from: '2026-11-10', to: '2026-11-10' } });
      expect((await deps.store.get(digital)).ledger?.total).toBe(530000);
      expect(await deps.store.lastLedgerImport()).toMatchObject({ from: '2026-11-10', rows: 1, file: 'l.csv' });
      const again = await importRecords(deps, { source: 'ledger', file: 'l.csv', rows: rows() });
      expect(again).toMatchObject({ ok: true, value: { added: 0, unchanged: 1 } });
    }
  });

  it('imports a valid ledger file and indexes every id', async () => {
    const { store, deps } = setup();
    const paper = ledgerRow({
      invoice_code: '011002600111',
      invoice_number: '10000007',
      digital_number: '26112000000000100002',
    });
    const result = await importRecords(deps, {
      source: 'ledger',
      file: 'l.csv',
      rows: rowsOf([[...LEDGER_COLUMNS], ledgerRow(), paper]),
    });
    expect(result).toMatchObject({ ok: true, value: { rows: 2, added: 2, changed: 0, unchanged: 0 } });
    expect((await store.get(digital)).ledger?.total).toBe(530000);
    expect((await store.get(digital)).ledger?.issuedAt).toBe('2026-11-10T09:30:00+08:00');
    // A paper 数电 invoice is found by either of its identifiers.
    expect((await store.get({ kind: 'legacy', code: '011002600111', number: '10000007' })).ledger).toBeDefined();
    expect((await store.get({ kind: 'digital', number: '26112000000000100002' })).ledger).toBeDefined();
  });

  it('accepts a BOM, Chinese status labels and ISO times', async () => {
    const { store, deps } = setup();
    const header = [`\uFEFF${LEDGER_COLUMNS[0]}`, ...LEDGER_COLUMNS.slice(1)];
    const row = ledgerRow({ erp_status: '开票成功', issued_at: '2026-11-10T01:30:00Z' });
    const result = await importRecords(deps, { source: 'ledger', file: 'l.csv', rows: rowsOf([header, row]) });
    expect(result.ok).toBe(true);
    expect((await store.get(digital)).ledger).toMatchObject({
      erpStatus: 'issued',
      issuedAt: '2026-11-10T09:30:00+08:00',
    });
  });

  it.each([
    [{ digital_number: '2611200000000010000' }, 'digital_number', 'bad_identifier'],
    [{ digital_number: '', invoice_code: '011002600111' }, 'invoice_number', 'missing'],
    [{ digital_number: '', invoice_code: '', invoice_number: '' }, 'digital_number', 'missing'],
    [{ issued_at: '2026-02-30 10:00:00' }, 'issued_at', 'bad_date'],
    [{ amount: '5000.001' }, 'amount', 'bad_amount'],
    [{ total: '5300.01' }, 'total', 'total_mismatch'],
    [{ erp_status: 'shipped' }, 'erp_status', 'bad_status'],
    [{ seller_tax_id: '91110105MA01ABCD5X' }, 'seller_tax_id', 'bad_tax_id'],
    [{ requester: 'alice' }, 'requester', 'bad_user_id'],
    [{ buyer_name: '' }, 'buyer_name', 'missing'],
  ])('refuses a ledger row with %j and writes nothing', async (overrides, column, code) => {
    const { store, deps } = setup();
    const result = await importRecords(deps, {
      source: 'ledger',
      file: 'l.csv',
      rows: rowsOf([[...LEDGER_COLUMNS], ledgerRow({ digital_number: '26112000000000100009' }), ledgerRow(overrides)]),
    });
    expect(result.ok).toBe(false);
    if (result.ok || result.error.code !== 'invalid_rows') throw new Error('expected invalid rows');
    expect(result.error.problems).toContainEqual(expect.objectContaining({ row: 3, column, code }));
    expect(await store.counts()).toEqual({ ledger: 0, tax: 0 });
  });

  it('refuses a row with the wrong number of columns, a duplicate id, and a bad header', async () => {
    const { store, deps } = setup();
    const short = await importRecords(deps, {
      source: 'ledger',
      file: 'l.csv',
      rows: rowsOf([[...LEDGER_COLUMNS], ledgerRow().slice(0, 5)]),
    });
    expect(short).toMatchObject({ ok: false, error: { problems: [{ row: 2, code: 'wrong_column_count' }] } });
    const dup = await importRecords(deps, {
      source: 'ledger',
      file: 'l.csv',
      rows: rowsOf([[...LEDGER_COLUMNS], ledgerRow(), ledgerRow()]),
    });
    expect(dup).toMatchObject({ ok: false, error: { problems: [{ row: 3, code: 'duplicate_in_file' }] } });
    const header = await importRecords(deps, {
      source: 'tax',
      file: 't.csv',
      rows: rowsOf([[...TAX_COLUMNS].reverse(), taxRow()]),
    });
    expect(header).toMatchObject({ ok: false, error: { problems: [{ row: 1, code: 'bad_header' }] } });
    expect(await store.counts()).toEqual({ ledger: 0, tax: 0 });
  });

  it('says so when a file is empty', async () => {
    const { deps } = setup();
    expect(await importRecords(deps, { source: 'tax', file: 't.csv', rows: rowsOf([]) })).toEqual({
      ok: false,
      error: { code: 'empty_file' },
    });
  });

  it('re-importing the same file changes nothing', async () => {
    const { store, deps } = setup();
    const rows = [[...LEDGER_COLUMNS], ledgerRow()];
    await importRecords(deps, { source: 'ledger', file: 'l.csv', rows: rowsOf(rows) });
    const before = structuredClone(await store.get(digital));
    const again = await importRecords(deps, { source: 'ledger', file: 'l.csv', rows: rowsOf(rows) });
    expect(again).toMatchObject({ ok: true, value: { added: 0, changed: 0, unchanged: 1 } });
    expect(await store.get(digital)).toEqual(before);
  });

  it('keeps the history of state changes between imports', async () => {
    const { store, clock, deps } = setup();
    await importRecords(deps, { source: 'tax', file: 't1.csv', rows: rowsOf([[...TAX_COLUMNS], taxRow()]) });
    clock.advance(86_400_000);
    const result = await importRecords(deps, {
      source: 'tax',
      file: 't2.csv',
      rows: rowsOf([[...TAX_COLUMNS], taxRow({ 发票状态: '已红冲' })]),
    });
    expect(result).toMatchObject({ ok: true, value: { changed: 1 } });
    expect((await store.get(digital)).tax).toMatchObject({
      status: 'red_reversed',
      history: [{ from: '正常', to: '已红冲', at: '2026-11-28T07:00:00.000Z' }],
    });
  });

  it('records the issue-date range a tax import covers, and links red invoices to the blue one', async () => {
    const { store, deps } = setup();
    const red = taxRow({
      数电发票号码: '26112000000000100022',
      开票日期: '2026-11-26',
      金额: '-1000.00',
      税额: '-60.00',
      价税合计: '-1060.00',
      是否正数发票: '否',
      备注: '被红冲蓝字数电发票号码：26112000000000100001',
    });
    await importRecords(deps, { source: 'tax', file: 'export.csv', rows: rowsOf([[...TAX_COLUMNS], taxRow(), red]) });
    expect(await store.coverage()).toEqual([
      { from: '2026-11-10', to: '2026-11-26', importedAt: '2026-11-27T07:00:00.000Z', file: 'export.csv', rows: 2 },
    ]);
    expect(await store.reversedBy(digital)).toEqual([{ kind: 'digital', number: '26112000000000100022' }]);
  });

  it.each([
    [{ 发票状态: '待定' }, '发票状态', 'bad_status'],
    [{ 是否正数发票: 'yes' }, '是否正数发票', 'bad_flag'],
    [{ 开票日期: 'yesterday' }, '开票日期', 'bad_date'],
    [{ 购方识别号: '123' }, '购方识别号', 'bad_tax_id'],
  ])('refuses a tax row with %j', async (overrides, column, code) => {
    const { store, deps } = setup();
    const result = await importRecords(deps, {
      source: 'tax',
      file: 't.csv',
      rows: rowsOf([[...TAX_COLUMNS], taxRow(overrides)]),
    });
    expect(result).toMatchObject({ ok: false, error: { problems: [{ row: 2, column, code }] } });
    expect(await store.coverage()).toEqual([]);
  });
});
