import { describe, expect, it } from 'vitest';
import { type DiagnosisInput, diagnose } from '../../src/domain/diagnose.js';
import { disclosureFor } from '../../src/domain/disclosure.js';
import type { MaintenanceWindow } from '../../src/domain/maintenance-window.js';
import { en } from '../../src/i18n/en.js';
import { zh } from '../../src/i18n/zh.js';
import { BRANCH, CUSTOMER_B, coverage, ledger, settings, tax, US } from '../helpers/fixtures.js';

const now = new Date('2026-11-27T15:00:00+08:00');
const base: DiagnosisInput = {
  pair: {},
  problems: [],
  nearMatches: [],
  reversedBy: [],
  coverage: [coverage('2026-01-01', '2026-11-26')],
  windows: [],
  settings,
  now,
};
const formats = { time: (iso: string) => iso.slice(0, 16), id: (id: { number: string }) => id.number };
const f = { ...formats, ...disclosureFor({ userId: 'UFIN', role: 'finance' }, undefined, 'private') } as never;
const masked = { ...formats, ...disclosureFor({ userId: 'UOTHER', role: 'employee' }, 'UREQ', 'private') } as never;
// The plain description: an employee's reading, with no direction or kind known.
const EMPLOYEE = { finance: false };

function run(overrides: Partial<DiagnosisInput>) {
  const d = diagnose({ ...base, ...overrides });
  return { d, en: en.diagnosis(d, f, EMPLOYEE), zh: zh.diagnosis(d, f, EMPLOYEE) };
}

const window: MaintenanceWindow = {
  id: 'w1',
  title: 'e-invoice platform upgrade',
  system: 'e-invoice platform',
  functions: ['issuing', 'delivery'],
  startsAt: '2026-11-27T12:00:00+08:00',
  endsAt: '2026-11-27T14:00:00+08:00',
};

describe('diagnose', () => {
  it('calls a bad id an entry error and keeps its near matches', () => {
    const r = run({ problems: [{ code: 'unknown_region', digits: '26002000000000100001', region: '00' }] });
    expect(r.d.cause).toBe('invalid_id');
    expect(r.en.headline).toMatch(/not look like a valid invoice id/);
    expect(r.zh.headline).toMatch(/录入错误/);
  });

  it('says plainly when nothing matches, naming the last refresh', () => {
    const r = run({});
    expect(r.d).toMatchObject({ cause: 'not_found', nearMatches: [] });
    expect(r.en.evidence.join()).toContain('2026-01-01 – 2026-11-26');
    expect(r.zh.evidence.join()).toContain('2026-01-01 – 2026-11-26');
  });

  it('offers near matches when the id is one slip away', () => {
    const near = [{ id: { kind: 'digital' as const, number: '26112000000000100016' }, how: 'swapped' as const }];
    const r = run({ nearMatches: near });
    expect(r.d).toMatchObject({ cause: 'not_found', nearMatches: near });
    expect(r.en.next).toMatch(/Did you mean/);
    expect(r.zh.next).toMatch(/您要找的/);
  });

  it.each([
    ['pending_review', 'not_issued', /not been issued/, /还没有开具/],
    ['issuing', 'not_issued', /being issued/, /开票中/],
    ['issue_failed', 'issue_failed', /Issuing this invoice failed/, /开票失败/],
    ['upload_failed', 'upload_failed', /upload to the tax system failed/, /上传税务系统失败/],
  ] as const)('ERP state %s → %s', (erpStatus, cause, enText, zhText) => {
    const r = run({ pair: { ledger: ledger({ erpStatus }) } });
    expect(r.d.cause).toBe(cause);
    expect(r.en.headline).toMatch(enText);
    expect(r.zh.headline).toMatch(zhText);
  });

  it.each([
    ['voided', '已作废', /voided/, /作废/],
    ['out_of_control', '失控', /失控/, /失控/],
    ['abnormal', '异常', /abnormal/, /异常凭证/],
  ] as const)('tax state %s is explained', (status, statusLabel, enText, zhText) => {
    const r = run({ pair: { ledger: ledger(), tax: tax({ status, statusLabel }) } });
    expect(r.d.cause).toBe(status);
    expect(r.en.headline).toMatch(enText);
    expect(r.zh.headline).toMatch(zhText);
  });

  it('names the red invoice that reversed it, fully or partly', () => {
    const red = { kind: 'digital' as const, number: '26112000000000100022' };
    const full = run({
      pair: { ledger: ledger(), tax: tax({ status: 'red_reversed', statusLabel: '已红冲' }) },
      reversedBy: [red],
    });
    expect(full.d.cause).toBe('red_reversed');
    expect(full.en.evidence.join()).toContain('26112000000000100022');
    expect(full.zh.evidence.join()).toContain('26112000000000100022');
    const part = run({
      pair: { ledger: ledger(), tax: tax({ status: 'partially_red_reversed', statusLabel: '部分红冲' }) },
      reversedBy: [red],
    });
    expect(part.d.cause).toBe('partially_red_reversed');
    expect(part.en.headline).toMatch(/Part of it/);
    expect(part.zh.headline).toMatch(/部分冲销/);
  });

  it('blames a maintenance window the invoice was issued in, with when it should appear', () => {
    const r = run({ pair: { ledger: ledger({ issuedAt: '2026-11-27T13:00:00+08:00' }) }, windows: [window] });
    expect(r.d).toMatchObject({ cause: 'maintenance', expectedBy: '2026-11-27T08:00:00.000Z' });
    expect(r.en.headline).toContain('e-invoice platform upgrade');
    expect(r.zh.next).toContain('2026-11-27T08:00');
  });

  it('ignores windows that do not affect visibility', () => {
    const deduction = { ...window, functions: ['deduction' as const] };
    const r = run({ pair: { ledger: ledger({ issuedAt: '2026-11-27T13:00:00+08:00' }) }, windows: [deduction] });
    expect(r.d.cause).not.toBe('maintenance');
  });

  it('asks for patience inside the sync window and says until when', () => {
    const r = run({ pair: { ledger: ledger({ issuedAt: '2026-11-27T14:30:00+08:00' }) } });
    expect(r.d).toMatchObject({ cause: 'sync_window', expectedBy: '2026-11-27T07:30:00.000Z' });
    expect(r.en.next).toContain('2026-11-27T07:30');
    expect(r.zh.next).toContain('2026-11-27T07:30');
  });

  it('uses the longer window for legacy invoices, counted from the upload', () => {
    const legacy = ledger({
      ids: [{ kind: 'legacy', code: '011002600111', number: '10000009' }],
      issuedAt: '2026-11-26T09:00:00+08:00',
      uploadedAt: '2026-11-26T18:00:00+08:00',
    });
    expect(run({ pair: { ledger: legacy } }).d).toMatchObject({
      cause: 'sync_window',
      expectedBy: '2026-11-27T10:00:00.000Z',
    });
  });

  it('says the tax data does not cover the issue day yet, naming the last import', () => {
    const r = run({ pair: { ledger: ledger({ issuedAt: '2026-11-27T11:00:00+08:00' }) }, issueDay: '2026-11-27' });
    expect(r.d).toMatchObject({ cause: 'not_synced_yet', coveredUntil: '2026-11-26', stale: false });
    expect(r.en.evidence.join()).toContain('2026-01-01 – 2026-11-26');
    expect(r.zh.next).toContain('同步');
  });

  it('flags a stale import as part of the evidence', () => {
    const old = [coverage('2026-01-01', '2026-11-20', '2026-11-21T00:00:00.000Z')];
    const r = run({
      pair: { ledger: ledger({ issuedAt: '2026-11-25T11:00:00+08:00' }) },
      issueDay: '2026-11-25',
      coverage: old,
    });
    expect(r.d).toMatchObject({ cause: 'not_synced_yet', stale: true });
    expect(r.en.evidence.join()).toMatch(/older than expected/);
  });

  it('advises escalation when the invoice is overdue in covered data', () => {
    const r = run({ pair: { ledger: ledger({ issuedAt: '2026-11-25T10:00:00+08:00' }) }, issueDay: '2026-11-25' });
    expect(r.d.cause).toBe('overdue');
    expect(r.en.next).toMatch(/escalate/i);
    expect(r.zh.next).toMatch(/上报/);
  });

  it('detects an invoice issued to another buyer than our records say', () => {
    const r = run({
      pair: { ledger: ledger(), tax: tax({ buyerTaxId: CUSTOMER_B, buyerName: '北京乙客户有限公司' }) },
    });
    expect(r.d).toMatchObject({ cause: 'wrong_buyer', expected: ledger().buyerTaxId, actual: CUSTOMER_B });
    expect(r.en.headline).toContain(CUSTOMER_B);
    expect(r.zh.headline).toContain('北京乙客户有限公司');
  });

  it('detects a received invoice whose buyer is not any of our entities', () => {
    const received = tax({ sellerTaxId: '91310115MA03JKLM1J', buyerTaxId: CUSTOMER_B });
    expect(run({ pair: { tax: received } }).d).toMatchObject({ cause: 'wrong_buyer', expected: US });
  });

  it('shows both values where ledger and tax disagree', () => {
    const r = run({ pair: { ledger: ledger(), tax: tax({ total: 131000, tax: 31000, amount: 100000 }) } });
    expect(r.d).toMatchObject({ cause: 'mismatch', fields: [{ field: 'total', ledger: 530000, tax: 131000 }] });
    expect(r.en.evidence[0]).toBe('total: ours ¥5,300.00, tax system ¥1,310.00');
    expect(r.zh.evidence[0]).toBe('价税合计：我方 ¥5,300.00，税务系统 ¥1,310.00');
  });

  it('names neither total nor any tax id where the reader may not see them', () => {
    const mismatch = run({ pair: { ledger: ledger(), tax: tax({ total: 131000, tax: 31000, amount: 100000 }) } }).d;
    const buyer = run({
      pair: { ledger: ledger(), tax: tax({ buyerTaxId: CUSTOMER_B, buyerName: '北京乙客户有限公司' }) },
    }).d;
    for (const catalog of [en, zh]) {
      const text = JSON.stringify([
        catalog.diagnosis(mismatch, masked, EMPLOYEE),
        catalog.diagnosis(buyer, masked, EMPLOYEE),
      ]);
      expect(text).not.toMatch(/5,300|1,310|530000|131000/);
      expect(text).not.toContain(CUSTOMER_B);
      expect(text).not.toContain(ledger().buyerTaxId);
      expect(text).not.toContain('北京乙客户有限公司');
    }
  });

  it('reports an invoice the tax system has but our ledger does not', () => {
    const r = run({ pair: { tax: tax({ sellerTaxId: '91110105MA07PPLY46', buyerTaxId: US }) } });
    expect(r.d.cause).toBe('tax_only');
    expect(r.en.headline).toMatch(/not in our ledger/);
    expect(r.zh.headline).toMatch(/台账里没有/);
  });

  it('says when an invoice is too old to verify online', () => {
    const old = { issuedAt: '2020-06-15T10:00:00+08:00' };
    const r = run({ pair: { ledger: ledger(old), tax: tax(old) } });
    expect(r.d).toMatchObject({ cause: 'too_old', years: 5 });
    expect(r.zh.headline).toContain('5 年');
  });

  it('points to the branch account when the buyer is our entity registered elsewhere', () => {
    const branch = { buyerTaxId: BRANCH };
    const r = run({ pair: { ledger: ledger(branch), tax: tax(branch) } });
    expect(r.d).toMatchObject({ cause: 'other_region', region: '310115' });
  });

  it('confirms a visible, normal invoice', () => {
    const r = run({ pair: { ledger: ledger(), tax: tax() } });
    expect(r.d).toEqual({ cause: 'visible', statusLabel: '正常' });
    expect(r.en.headline).toContain('正常');
  });

  it('does not mutate its input', () => {
    const input = { ...base, pair: { ledger: ledger(), tax: tax() } };
    const copy = structuredClone(input);
    diagnose(input);
    expect(input).toEqual(copy);
  });
});

describe('diagnose: which invoices a maintenance window explains', () => {
  const active: MaintenanceWindow = {
    ...window,
    startsAt: '2026-11-27T14:00:00+08:00',
    endsAt: '2026-11-27T18:00:00+08:00',
  };

  it('keeps an invoice overdue since days before an active window overdue', () => {
    const r = run({
      pair: { ledger: ledger({ issuedAt: '2026-11-25T10:00:00+08:00' }) },
      windows: [active],
      issueDay: '2026-11-25',
    });
    expect(r.d.cause).toBe('overdue');
  });

  it('blames the window for an invoice issued within its lead time before the start', () => {
    const r = run({ pair: { ledger: ledger({ issuedAt: '2026-11-27T13:30:00+08:00' }) }, windows: [active] });
    expect(r.d.cause).toBe('maintenance');
  });

  it('does not blame it for an invoice issued before the lead time', () => {
    const later = { ...active, startsAt: '2026-11-27T15:40:00+08:00' };
    const r = run({
      pair: { ledger: ledger({ issuedAt: '2026-11-27T14:30:00+08:00' }) },
      windows: [later],
      settings: { ...settings, maintenanceLeadMinutes: 60 },
    });
    expect(r.d.cause).toBe('sync_window');
  });
});

describe('diagnose: evidence that does not contradict itself', () => {
  it('says only that no tax data was imported when there is none, in both languages', () => {
    const r = run({ pair: { ledger: ledger({ issuedAt: '2026-11-20T10:00:00+08:00' }) }, coverage: [] });
    expect(r.d).toMatchObject({ cause: 'not_synced_yet', stale: false });
    expect(r.en.evidence).toEqual(['No tax data has been imported yet.']);
    expect(r.zh.evidence).toHaveLength(1);
    expect(r.zh.evidence.join()).not.toContain('该数据已经过旧');
  });
});

describe('diagnose: the edges of each rule', () => {
  const d = (overrides: Partial<DiagnosisInput>) => diagnose({ ...base, ...overrides });
  const issued = (issuedAt: string) => ({ pair: { ledger: ledger({ issuedAt }) } });

  it('names no import when there has been none', () => {
    expect(d({ coverage: [] })).toEqual({ cause: 'not_found', nearMatches: [] });
  });

  it('names the import done last, not the one covering the latest days', () => {
    const reexport = coverage('2026-01-01', '2026-06-30', '2026-11-27T06:00:00.000Z');
    const earlier = coverage('2026-01-01', '2026-11-26', '2026-11-27T00:30:00.000Z');
    expect(d({ coverage: [earlier, reexport] })).toEqual({ cause: 'not_found', nearMatches: [], lastImport: reexport });
    expect(d({ coverage: [reexport, earlier] })).toEqual({ cause: 'not_found', nearMatches: [], lastImport: reexport });
  });

  it.each([
    ['issue_failed', { cause: 'issue_failed', erpStatus: 'issue_failed' }],
    ['upload_failed', { cause: 'upload_failed', erpStatus: 'upload_failed' }],
    ['pending_review', { cause: 'not_issued', erpStatus: 'pending_review' }],
  ] as const)('names the ERP state %s before anything the tax system says', (erpStatus, diagnosis) => {
    expect(d({ pair: { ledger: ledger({ erpStatus }), tax: tax() } })).toEqual(diagnosis);
  });

  it.each([
    ['voided', '已作废'],
    ['out_of_control', '失控'],
    ['abnormal', '认证异常'],
  ] as const)('gives the tax system’s own label for a %s invoice', (status, statusLabel) => {
    expect(d({ pair: { ledger: ledger(), tax: tax({ status, statusLabel }) } })).toEqual({
      cause: status,
      statusLabel,
    });
  });

  it('believes our ledger when it says voided and the tax data does not yet', () => {
    expect(d({ pair: { ledger: ledger({ erpStatus: 'voided' }), tax: tax() } })).toEqual({
      cause: 'voided',
      statusLabel: 'voided',
    });
  });

  it('reads a red-reversed ledger entry with a normal tax record as visible, the tax system having the last word', () => {
    expect(d({ pair: { ledger: ledger({ erpStatus: 'red_reversed' }), tax: tax() } }).cause).toBe('visible');
  });

  describe('for an invoice only the tax system has', () => {
    const other = '91110105MA07PPLY46';

    it('expects us as the buyer of what others sold', () => {
      expect(d({ pair: { tax: tax({ sellerTaxId: other, buyerTaxId: CUSTOMER_B }) } })).toMatchObject({
        cause: 'wrong_buyer',
        expected: US,
        actual: CUSTOMER_B,
      });
    });

    it('does not question the buyer when we sold it', () => {
      expect(d({ pair: { tax: tax({ sellerTaxId: BRANCH, buyerTaxId: CUSTOMER_B }) } }).cause).toBe('tax_only');
    });

    it('accepts any of our entities as the buyer', () => {
      expect(d({ pair: { tax: tax({ sellerTaxId: other, buyerTaxId: BRANCH }) } }).cause).toBe('tax_only');
    });

    it('cannot question the buyer before our entities are configured', () => {
      const unset = { ...settings, companyTaxIds: [] };
      expect(d({ settings: unset, pair: { tax: tax({ sellerTaxId: other, buyerTaxId: CUSTOMER_B }) } }).cause).toBe(
        'tax_only',
      );
    });
  });

  it('compares the issue day, not the time, and names each fact that differs', () => {
    const later = { issuedAt: '2026-11-10T18:00:00+08:00' };
    expect(d({ pair: { ledger: ledger(), tax: tax(later) } }).cause).toBe('visible');
    expect(
      d({
        pair: {
          ledger: ledger(),
          tax: tax({ issuedAt: '2026-11-11T09:30:00+08:00', type: '数电发票（增值税专用发票）' }),
        },
      }),
    ).toEqual({
      cause: 'mismatch',
      fields: [
        { field: 'issuedAt', ledger: '2026-11-10T09:30:00+08:00', tax: '2026-11-11T09:30:00+08:00' },
        { field: 'type', ledger: '数电发票（普通发票）', tax: '数电发票（增值税专用发票）' },
      ],
    });
  });

  it('does not compare a type our ledger leaves empty', () => {
    expect(d({ pair: { ledger: ledger({ type: '' }), tax: tax() } }).cause).toBe('visible');
  });

  it('is verifiable online for exactly five years', () => {
    const fiveYears = { issuedAt: '2021-11-27T15:00:00+08:00' };
    expect(d({ pair: { ledger: ledger(fiveYears), tax: tax(fiveYears) } }).cause).toBe('visible');
    const older = { issuedAt: '2021-11-27T14:59:59+08:00' };
    expect(d({ pair: { ledger: ledger(older), tax: tax(older) } })).toEqual({ cause: 'too_old', years: 5 });
  });

  it.each([
    ['our Beijing entity', US, 'visible'],
    ['our Shanghai branch', BRANCH, 'other_region'],
    ['a customer registered in Shanghai', '91310115MA0CUSTC1X', 'visible'],
  ])('reads the region of the buyer %s', (_, buyerTaxId, cause) => {
    const buyer = { buyerTaxId };
    expect(d({ pair: { ledger: ledger(buyer), tax: tax(buyer) } }).cause).toBe(cause);
  });

  it('takes an entity of ours with a 15-character tax id to be in Beijing', () => {
    const legacyId = '310115801489416';
    const buyer = { buyerTaxId: legacyId };
    const ours = { ...settings, companyTaxIds: [US, legacyId] };
    expect(d({ settings: ours, pair: { ledger: ledger(buyer), tax: tax(buyer) } }).cause).toBe('visible');
  });

  describe('during maintenance', () => {
    it('expects the invoice after the window and its tail, when that is later than the usual delay', () => {
      expect(d({ ...issued('2026-11-27T13:00:00+08:00'), windows: [window] })).toEqual({
        cause: 'maintenance',
        window,
        expectedBy: '2026-11-27T08:00:00.000Z',
      });
    });

    it('expects the invoice after the usual delay, when that is later than the window', () => {
      const legacy = ledger({
        ids: [{ kind: 'legacy', code: '011002600111', number: '10000009' }],
        issuedAt: '2026-11-27T13:00:00+08:00',
      });
      expect(d({ pair: { ledger: legacy }, windows: [window] })).toMatchObject({
        cause: 'maintenance',
        expectedBy: '2026-11-28T05:00:00.000Z',
      });
    });

    it('stops blaming the window once the invoice is due', () => {
      const atDue = new Date('2026-11-27T08:00:00.000Z');
      expect(d({ ...issued('2026-11-27T13:00:00+08:00'), windows: [window], now: atDue }).cause).not.toBe(
        'maintenance',
      );
    });
  });

  describe('after the window', () => {
    it('asks for patience until the sync delay has passed, naming the days the tax data covers', () => {
      const twoImports = [coverage('2026-01-01', '2026-11-26'), coverage('2025-01-01', '2025-12-31')];
      expect(d({ ...issued('2026-11-27T14:30:00+08:00'), coverage: twoImports })).toEqual({
        cause: 'sync_window',
        expectedBy: '2026-11-27T07:30:00.000Z',
        coveredUntil: '2026-11-26',
      });
      expect(d({ ...issued('2026-11-27T14:30:00+08:00'), coverage: [] })).toEqual({
        cause: 'sync_window',
        expectedBy: '2026-11-27T07:30:00.000Z',
      });
    });

    it('stops asking for patience at the expected moment', () => {
      expect(d({ ...issued('2026-11-27T14:00:00+08:00'), issueDay: '2026-11-27' }).cause).toBe('not_synced_yet');
    });

    it.each([
      ['the first day', '2026-11-20', 'overdue'],
      ['the last day', '2026-11-26', 'overdue'],
      ['the day after', '2026-11-27', 'not_synced_yet'],
    ])('counts an invoice issued on %s an import covers as covered', (_, issueDay, cause) => {
      const week = [coverage('2026-11-20', '2026-11-26')];
      expect(d({ ...issued(`${issueDay}T09:00:00+08:00`), issueDay, coverage: week }).cause).toBe(cause);
    });

    it('counts a day covered by any one of the imports', () => {
      const imports = [
        coverage('2026-01-01', '2026-06-30', '2026-07-01T00:00:00.000Z'),
        coverage('2026-07-01', '2026-11-26'),
      ];
      expect(d({ ...issued('2026-11-20T09:00:00+08:00'), issueDay: '2026-11-20', coverage: imports })).toEqual({
        cause: 'overdue',
        expectedBy: '2026-11-20T02:00:00.000Z',
        lastImport: imports[1],
      });
    });

    it('says the data may not be synced yet, and calls nothing stale, when there has been no import', () => {
      expect(d({ ...issued('2026-11-20T09:00:00+08:00'), coverage: [] })).toEqual({
        cause: 'not_synced_yet',
        stale: false,
      });
    });

    it('calls tax data stale only when it is older than the limit', () => {
      const at = (importedAt: string) => [coverage('2026-01-01', '2026-11-20', importedAt)];
      const run = (importedAt: string) =>
        d({ ...issued('2026-11-25T09:00:00+08:00'), issueDay: '2026-11-25', coverage: at(importedAt) });
      expect(run('2026-11-25T07:00:00.000Z')).toMatchObject({ cause: 'not_synced_yet', stale: false });
      expect(run('2026-11-25T06:59:59.000Z')).toMatchObject({ cause: 'not_synced_yet', stale: true });
    });
  });
});

describe('diagnose: red invoices', () => {
  const blue = { kind: 'digital' as const, number: '26312000000000012345' };

  it('calls a negative invoice a red invoice naming the blue one it reverses', () => {
    const red = tax({ positive: false, total: -113000, redOf: blue });
    const r = run({ pair: { tax: red } });
    expect(r.d).toEqual({ cause: 'red_invoice', statusLabel: red.statusLabel, reverses: blue });
    expect(r.en.headline).toContain('reverses 26312000000000012345');
    expect(r.zh.headline).toContain('26312000000000012345');
  });

  it('adds up the red totals of a partial reversal and says what remains', () => {
    const partial = tax({ status: 'partially_red_reversed', statusLabel: '部分红冲', total: 2260000 });
    const r = run({ pair: { tax: partial }, reversedBy: [blue], redTotals: [-565000] });
    expect(r.d).toMatchObject({ redTotal: -565000, remaining: 1695000 });
  });
});
