import { describe, expect, it } from 'vitest';
import type { DeductionEntry, DeductionImport } from '../../src/domain/deduction-record.js';
import { parseDeductionRow } from '../../src/domain/deduction-row.js';
import { type DeductionFacts, deductionState } from '../../src/domain/deduction-state.js';
import { invoiceFiling } from '../../src/domain/invoice-filing.js';
import { loadChinaCalendar } from '../../src/store/china-calendar.js';
import { loadFilingTable } from '../../src/store/filing-calendar-file.js';
import { BRANCH, ledger, US } from '../helpers/fixtures.js';
import { deductionCells } from '../helpers/rows.js';

const OURS = [US, BRANCH];
const SUPPLIER = '91310115MA03JKLM1J';
const IMPORTED = '2026-12-09T02:00:00.000Z';
const LAST: DeductionImport = { importedAt: IMPORTED, file: '抵扣类勾选.csv', rows: 3, period: '2026-11' };

function entry(overrides: Parameters<typeof deductionCells>[0] = {}): DeductionEntry {
  const parsed = parseDeductionRow(deductionCells(overrides), 2, 'Asia/Shanghai');
  if (!parsed.ok) throw new Error('fixture row is invalid');
  return { record: parsed.record, period: '2026-11', importedAt: IMPORTED, file: LAST.file };
}

async function facts(issueDay: string, today: string, more: Partial<DeductionFacts> = {}): Promise<DeductionFacts> {
  const table = await loadFilingTable('/nonexistent-invoice-desk');
  const calendar = await loadChinaCalendar('/nonexistent-invoice-desk');
  const received = ledger({ sellerTaxId: SUPPLIER, buyerTaxId: US, issuedAt: `${issueDay}T10:00:00+08:00` });
  const filing = invoiceFiling({ ledger: received }, issueDay, OURS, today, table, calendar);
  return {
    entry: undefined,
    lastImport: LAST,
    filing,
    taxStatus: 'normal',
    today,
    urgentDays: 3,
    table,
    calendar,
    ...more,
  };
}

describe('deductionState', () => {
  it('a selected invoice is selected in the period its export was taken for', async () => {
    const state = deductionState(await facts('2026-11-20', '2026-12-09', { entry: entry({ 是否勾选: '是' }) }));
    expect(state).toEqual({ kind: 'selected', period: '2026-11', deductibleTax: 13000, asOf: IMPORTED });
  });

  it('a red invoice gets no deduction state, even when the export lists it: it is never selected', async () => {
    const base = await facts('2026-11-20', '2026-12-09');
    const red = { ...base, filing: base.filing && { ...base.filing, red: true as const } };
    expect(deductionState(red)).toBeUndefined();
    expect(deductionState({ ...red, entry: entry() })).toBeUndefined();
    expect(deductionState(base)).toMatchObject({ kind: 'not_selected' });
  });

  it('a red-letter lock wins over the selection: the invoice cannot be deducted while the form is pending', async () => {
    const locked = entry({ 是否勾选: '是', 红字锁定标志: '已锁定' });
    expect(deductionState(await facts('2026-11-20', '2026-12-09', { entry: locked }))).toEqual({
      kind: 'red_locked',
      asOf: IMPORTED,
    });
  });

  it('a listed, unselected invoice of November can be selected until 15 December, 5 working days ahead', async () => {
    expect(deductionState(await facts('2026-11-20', '2026-12-09', { entry: entry() }))).toEqual({
      kind: 'not_selected',
      until: { period: '2026-11', due: '2026-12-15', official: true },
      daysLeft: 5,
      late: false,
      urgent: false,
      listed: true,
      asOf: IMPORTED,
    });
  });

  it('counts down with the clock, to 1 on the deadline day', async () => {
    const state = deductionState(await facts('2026-11-20', '2026-12-15', { entry: entry() }));
    expect(state).toMatchObject({ kind: 'not_selected', daysLeft: 1, late: false, urgent: true });
    const threeLeft = deductionState(await facts('2026-11-20', '2026-12-11', { entry: entry() }));
    expect(threeLeft).toMatchObject({ daysLeft: 3, urgent: true });
    const fourLeft = deductionState(await facts('2026-11-20', '2026-12-10', { entry: entry() }));
    expect(fourLeft).toMatchObject({ daysLeft: 4, urgent: false });
  });

  it('an invoice the export did not list is not selected either, and says so', async () => {
    expect(deductionState(await facts('2026-11-20', '2026-12-09'))).toMatchObject({
      kind: 'not_selected',
      listed: false,
      asOf: IMPORTED,
    });
  });

  it('an October invoice missed its period: it moves to the current one (November, due 15 December)', async () => {
    expect(deductionState(await facts('2026-10-20', '2026-12-09', { entry: entry() }))).toMatchObject({
      kind: 'not_selected',
      until: { period: '2026-11', due: '2026-12-15' },
      late: true,
    });
  });

  it('a December invoice waits for the November return before its own period opens', async () => {
    const state = deductionState(await facts('2026-12-01', '2026-12-09', { entry: entry() }));
    expect(state).toMatchObject({
      kind: 'not_selected',
      until: { period: '2026-12', due: '2027-01-15', official: false },
      late: false,
      opensAfter: { period: '2026-11', due: '2026-12-15' },
    });
  });

  it.each(['voided', 'red_reversed', 'out_of_control', 'abnormal'] as const)(
    'says nothing about selecting an invoice the tax system shows as %s',
    async (taxStatus) => {
      expect(deductionState(await facts('2026-11-20', '2026-12-09', { entry: entry(), taxStatus }))).toBeUndefined();
    },
  );

  it('says nothing when the export itself shows the invoice as red-reversed and it is not selected', async () => {
    const reversed = entry({ 发票状态: '已红冲' });
    expect(deductionState(await facts('2026-11-20', '2026-12-09', { entry: reversed }))).toBeUndefined();
  });

  it('says nothing before any deduction export was imported', async () => {
    expect(deductionState(await facts('2026-11-20', '2026-12-09', { lastImport: undefined }))).toBeUndefined();
  });

  it('says nothing about an invoice we issued: the export is the buyer’s list', async () => {
    const base = await facts('2026-11-20', '2026-12-09');
    const filing = base.filing && { ...base.filing, direction: 'issued' as const };
    expect(deductionState({ ...base, filing, entry: entry({ 是否勾选: '是' }) })).toBeUndefined();
  });

  it('an entry for an invoice the bot cannot place (no company tax ids) still shows its selection', async () => {
    const base = await facts('2026-11-20', '2026-12-09');
    expect(deductionState({ ...base, filing: undefined, entry: entry({ 是否勾选: '是' }) })).toMatchObject({
      kind: 'selected',
    });
    expect(deductionState({ ...base, filing: undefined, entry: entry() })).toMatchObject({
      kind: 'not_selected',
      until: { period: '2026-11', due: '2026-12-15' },
    });
    expect(deductionState({ ...base, filing: undefined })).toBeUndefined();
  });

  it('does not mutate what it reads', async () => {
    const input = await facts('2026-11-20', '2026-12-09', { entry: entry() });
    const before = structuredClone({ entry: input.entry, filing: input.filing, lastImport: input.lastImport });
    deductionState(input);
    expect({ entry: input.entry, filing: input.filing, lastImport: input.lastImport }).toEqual(before);
  });

  it('an invoice another entity of ours deducts is never urgent for us and names that entity; a wrong buyer’s has no state', async () => {
    const f = await facts('2026-11-12', '2026-12-11', { entry: entry() });
    const deductedBy = { buyerName: '北京示例科技有限公司上海分公司', region: '310115' };
    const state = deductionState({ ...f, filing: f.filing && { ...f.filing, deductedBy } });
    expect(state).toMatchObject({ kind: 'not_selected', urgent: false, deductedBy });
    // The same invoice bought by us is urgent three working days before the deadline.
    expect(deductionState(f)).toMatchObject({ kind: 'not_selected', urgent: true });
    expect(deductionState({ ...f, filing: undefined, cause: 'wrong_buyer' })).toBeUndefined();
  });

  it('names the entity that deducts a branch’s invoice in every state, selected and locked too', async () => {
    const deductedBy = { buyerName: '北京示例科技有限公司上海分公司', region: '310115' };
    const f = await facts('2026-11-12', '2026-12-11');
    const branch = { ...f, filing: f.filing && { ...f.filing, deductedBy } };
    expect(deductionState({ ...branch, entry: entry({ 是否勾选: '是' }) })).toMatchObject({
      kind: 'selected',
      deductedBy,
    });
    expect(deductionState({ ...branch, entry: entry({ 红字锁定标志: '已锁定' }) })).toEqual({
      kind: 'red_locked',
      asOf: IMPORTED,
      deductedBy,
    });
    // Our own invoice's states name no other entity.
    expect(deductionState({ ...f, entry: entry({ 是否勾选: '是' }) })).not.toHaveProperty('deductedBy');
  });
});
