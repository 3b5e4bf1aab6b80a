import { describe, expect, it } from 'vitest';
import { toFilingTable } from '../../src/domain/filing-calendar.js';
import { filingAsOf, invoiceFiling } from '../../src/domain/invoice-filing.js';
import { loadChinaCalendar } from '../../src/store/china-calendar.js';
import { loadFilingTable } from '../../src/store/filing-calendar-file.js';
import { BRANCH, CUSTOMER_A, ledger, tax, US } from '../helpers/fixtures.js';

const OURS = [US, BRANCH];
const SUPPLIER = '91310115MA03JKLM1J';
const load = async () => ({
  table: await loadFilingTable('/nonexistent-invoice-desk'),
  calendar: await loadChinaCalendar('/nonexistent-invoice-desk'),
});

describe('which return an invoice belongs to', () => {
  it('an invoice we issued in November counts toward the November return, due 15 December', async () => {
    const { table, calendar } = await load();
    expect(invoiceFiling({ ledger: ledger() }, '2026-11-10', OURS, '2026-12-09', table, calendar)).toEqual({
      period: '2026-11',
      due: '2026-12-15',
      official: true,
      direction: 'issued',
      daysLeft: 5,
    });
  });

  it('an invoice we received in October could be confirmed until 16 November; afterwards none are left', async () => {
    const { table, calendar } = await load();
    const received = ledger({ sellerTaxId: SUPPLIER, buyerTaxId: US });
    expect(invoiceFiling({ ledger: received }, '2026-10-15', OURS, '2026-11-27', table, calendar)).toMatchObject({
      period: '2026-10',
      due: '2026-11-16',
      direction: 'received',
      daysLeft: 0,
    });
  });

  it('a received invoice of a month whose period is not open yet waits for the current return', async () => {
    const { table, calendar } = await load();
    const received = tax({ sellerTaxId: SUPPLIER, buyerTaxId: US });
    const filing = invoiceFiling({ tax: received }, '2026-12-01', OURS, '2026-12-02', table, calendar);
    expect(filing).toMatchObject({ period: '2026-12', due: '2027-01-15', official: false, direction: 'received' });
    expect(filing?.waitsFor).toEqual({ period: '2026-11', due: '2026-12-15', official: true });
    // An issued invoice of the same day has no such wait: it simply counts toward December.
    const issued = invoiceFiling({ ledger: ledger() }, '2026-12-01', OURS, '2026-12-02', table, calendar);
    expect(issued?.waitsFor).toBeUndefined();
  });

  it('a red invoice we received waits for no period: it is marked red, to be transferred out in its own return', async () => {
    const { table, calendar } = await load();
    const red = tax({ sellerTaxId: SUPPLIER, buyerTaxId: US, positive: false, total: -113000 });
    const filing = invoiceFiling({ tax: red }, '2026-12-01', OURS, '2026-12-02', table, calendar);
    expect(filing).toMatchObject({ period: '2026-12', direction: 'received', red: true });
    expect(filing?.waitsFor).toBeUndefined();
    // Without a tax record, a negative ledger total says the same; a blue invoice is never marked red.
    const ledgerRed = ledger({ sellerTaxId: SUPPLIER, buyerTaxId: US, total: -113000 });
    expect(invoiceFiling({ ledger: ledgerRed }, '2026-11-10', OURS, '2026-11-27', table, calendar)?.red).toBe(true);
    expect(invoiceFiling({ ledger: ledger() }, '2026-11-10', OURS, '2026-11-27', table, calendar)?.red).toBeUndefined();
  });

  it.each([
    { what: 'not issued yet', pair: { ledger: ledger({ erpStatus: 'pending_review' }) } },
    { what: 'failed to issue', pair: { ledger: ledger({ erpStatus: 'issue_failed' }) } },
    { what: 'voided in the ERP', pair: { ledger: ledger({ erpStatus: 'voided' }) } },
    { what: 'voided in the tax system', pair: { tax: tax({ statusLabel: '作废', status: 'voided' }) } },
    {
      what: 'between two other companies',
      pair: { ledger: ledger({ sellerTaxId: SUPPLIER, buyerTaxId: CUSTOMER_A }) },
    },
    { what: 'in no record', pair: {} },
    {
      what: 'we received that is 失控',
      pair: { tax: tax({ sellerTaxId: SUPPLIER, buyerTaxId: US, statusLabel: '失控', status: 'out_of_control' }) },
    },
    {
      what: 'we received that is 异常',
      pair: { tax: tax({ sellerTaxId: SUPPLIER, buyerTaxId: US, statusLabel: '异常', status: 'abnormal' }) },
    },
    {
      what: 'we received that was fully red-reversed',
      pair: { tax: tax({ sellerTaxId: SUPPLIER, buyerTaxId: US, statusLabel: '全额红冲', status: 'red_reversed' }) },
    },
  ] as const)('an invoice $what belongs to no return of ours', async ({ pair }) => {
    const { table, calendar } = await load();
    expect(invoiceFiling(pair, '2026-11-10', OURS, '2026-11-27', table, calendar)).toBeUndefined();
  });

  it('an invoice our branch bought names that entity, and one that went to the wrong buyer belongs to no period', async () => {
    const { table, calendar } = await load();
    const branch = tax({ sellerTaxId: SUPPLIER, buyerTaxId: BRANCH, buyerName: '北京示例科技有限公司上海分公司' });
    const region = { cause: 'other_region', region: '310115', regionName: '上海市浦东新区' } as const;
    const filing = invoiceFiling({ tax: branch }, '2026-11-12', OURS, '2026-11-27', table, calendar, region);
    expect(filing?.deductedBy).toEqual({
      buyerName: '北京示例科技有限公司上海分公司',
      region: '310115',
      regionName: '上海市浦东新区',
    });
    // Without the diagnosis (or for one we bought ourselves) no other entity is named.
    expect(
      invoiceFiling({ tax: branch }, '2026-11-12', OURS, '2026-11-27', table, calendar)?.deductedBy,
    ).toBeUndefined();
    const wrong = { cause: 'wrong_buyer', expected: US, actual: CUSTOMER_A, actualName: 'A' } as const;
    const received = ledger({ sellerTaxId: SUPPLIER, buyerTaxId: US });
    expect(
      invoiceFiling({ ledger: received }, '2026-11-12', OURS, '2026-11-27', table, calendar, wrong),
    ).toBeUndefined();
    // One we issued to the wrong buyer still counted toward our return.
    expect(invoiceFiling({ ledger: ledger() }, '2026-11-12', OURS, '2026-11-27', table, calendar, wrong)).toMatchObject(
      {
        direction: 'issued',
      },
    );
  });
});

describe('filingAsOf', () => {
  const filed = {
    period: '2026-11',
    due: '2026-12-15',
    official: false,
    direction: 'issued' as const,
    daysLeft: 5,
  };

  it('counts the working days left from the new day and takes the official deadline once the table has it', async () => {
    const { table, calendar } = await load();
    expect(filingAsOf(filed, table, calendar, '2026-12-11')).toEqual({ ...filed, official: true, daysLeft: 3 });
    expect(filingAsOf(filed, toFilingTable(), calendar, '2026-12-16')).toEqual({ ...filed, daysLeft: 0 });
  });

  it('does not mutate the filing', async () => {
    const { table, calendar } = await load();
    const copy = { ...filed };
    filingAsOf(filed, table, calendar, '2026-12-11');
    expect(filed).toEqual(copy);
  });
});
