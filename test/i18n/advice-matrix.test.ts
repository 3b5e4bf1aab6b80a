import { describe, expect, it } from 'vitest';
import type { Cause, Diagnosis } from '../../src/domain/diagnose.js';
import type { Direction } from '../../src/domain/direction.js';
import type { AdviceContext, Catalog } from '../../src/i18n/catalog.js';
import { en } from '../../src/i18n/en.js';
import { formatters } from '../../src/i18n/formatters.js';
import { zh } from '../../src/i18n/zh.js';

// Every cause × reader × direction × medium, in both languages: issue 12 point 8's rules as a table, so a new cause or
// a new text that breaks one of them fails here.

const blue = { kind: 'digital', number: '26112000000000100001' } as const;
const red = { kind: 'digital', number: '26112000000000100002' } as const;
const lastImport = { from: '2026-11-01', to: '2026-11-25', importedAt: '2026-11-26T01:00:00Z', file: 't.csv', rows: 3 };
const window = {
  id: 'W1',
  title: 'Platform upgrade',
  system: 'etax',
  functions: ['issuing' as const],
  startsAt: '2026-11-25T14:00:00Z',
  endsAt: '2026-11-25T22:00:00Z',
};

// One or more diagnoses of each cause; `satisfies` makes a cause added to the domain fail to compile here.
const SAMPLES = {
  invalid_id: [{ cause: 'invalid_id', problems: [{ code: 'all_zero_number', digits: '00000000' }], nearMatches: [] }],
  not_found: [
    { cause: 'not_found', nearMatches: [], lastImport },
    { cause: 'not_found', nearMatches: [{ id: blue, how: 'one_digit' }] },
  ],
  not_issued: [{ cause: 'not_issued', erpStatus: 'pending_review' }],
  issue_failed: [{ cause: 'issue_failed', erpStatus: 'issue_failed' }],
  upload_failed: [{ cause: 'upload_failed', erpStatus: 'upload_failed' }],
  voided: [{ cause: 'voided', statusLabel: '作废' }],
  out_of_control: [{ cause: 'out_of_control', statusLabel: '失控' }],
  abnormal: [{ cause: 'abnormal', statusLabel: '异常' }],
  red_reversed: [{ cause: 'red_reversed', statusLabel: '全额红冲', reversedBy: [red] }],
  partially_red_reversed: [
    { cause: 'partially_red_reversed', statusLabel: '部分红冲', reversedBy: [red], redTotal: -50_00, remaining: 63_00 },
  ],
  red_invoice: [
    { cause: 'red_invoice', statusLabel: '正常', reverses: blue },
    { cause: 'red_invoice', statusLabel: '正常' },
  ],
  maintenance: [{ cause: 'maintenance', window, expectedBy: '2026-11-26T00:00:00Z' }],
  sync_window: [{ cause: 'sync_window', expectedBy: '2026-11-26T00:00:00Z', coveredUntil: '2026-11-25' }],
  not_synced_yet: [
    { cause: 'not_synced_yet', lastImport, stale: true },
    { cause: 'not_synced_yet', stale: false },
  ],
  overdue: [{ cause: 'overdue', expectedBy: '2026-11-26T00:00:00Z', lastImport }],
  wrong_buyer: [
    { cause: 'wrong_buyer', expected: '91110105MA01ABCD5F', actual: '91110108801489416U', actualName: 'X' },
  ],
  mismatch: [{ cause: 'mismatch', fields: [{ field: 'total', ledger: 113_00, tax: 103_00 }] }],
  tax_only: [{ cause: 'tax_only', statusLabel: '正常' }],
  too_old: [{ cause: 'too_old', years: 5 }],
  other_region: [
    { cause: 'other_region', region: '310115', regionName: '上海市浦东新区' },
    { cause: 'other_region', region: '310115' },
  ],
  visible: [{ cause: 'visible', statusLabel: '正常' }],
} satisfies { [C in Cause]: (Diagnosis & { cause: C })[] };

// Only a 数电 invoice has a 20-digit number; paper 数电 invoices also carry a legacy code (domain-fapiao §1).
const MEDIA = {
  'paper legacy': { medium: 'paper', digital: false },
  'electronic legacy': { medium: 'electronic', digital: false },
  '数电 electronic': { medium: 'electronic', digital: true },
  '数电 paper': { medium: 'paper', digital: true },
  'unknown medium': {},
} satisfies Record<string, Pick<AdviceContext, 'medium' | 'digital'>>;
const DIRECTIONS: (Direction | undefined)[] = ['issued', 'received', undefined];

// The words each rule looks for, per language.
const WORDS = {
  en: {
    catalog: en,
    // Told to hand it on to finance, or that "our finance team" does it: what a finance reader must never read.
    handOn: /escalat|ask finance|our finance team|finance must/i,
    financeStep: /^Finance\b/,
    // Finance's own work: platform queries and exports, syncing, transferring VAT out, red-letter forms.
    financeWork: /^Finance:|`\/invoice sync`|\bexport\b|进项税额转出|transfer\b.*\bout\b|全量发票查询|确认单/i,
    seller: /\bseller\b/i,
    notVoidable: /cannot be voided/g,
    voiding: /\bvoid/i,
    monthOfIssue: /month of issue|month they were issued/i,
  },
  zh: {
    catalog: zh,
    handOn: /上报|联系财务|请财务|向财务|由我方财务|需要财务/,
    financeStep: /^财务/,
    financeWork: /^财务：|同步`|导出|进项税额转出|全量发票查询|确认单/,
    seller: /销售方/,
    notVoidable: /不能作废/g,
    voiding: /作废/,
    monthOfIssue: /当月/,
  },
} satisfies Record<string, { catalog: Catalog } & Record<string, unknown>>;

// The fix for these comes from whoever issued the invoice: for one we received, that is the seller.
const SELLER_FIXES = new Set<Cause>([
  'voided',
  'red_reversed',
  'partially_red_reversed',
  'out_of_control',
  'abnormal',
  'maintenance',
  'overdue',
  'wrong_buyer',
  'mismatch',
  'other_region',
]);
// No record (so no direction can be known), or a state of our own ERP's issuing: the advice cannot depend on direction.
const DIRECTION_FREE = new Set<Cause>(['invalid_id', 'not_found', 'not_issued', 'issue_failed', 'upload_failed']);
// Choices the reader makes from a list (retype the id, pick a near match) rather than a step finance takes.
const reads = (d: Diagnosis) => d.cause === 'invalid_id' || (d.cause === 'not_found' && d.nearMatches.length > 0);

const f = formatters('Asia/Shanghai');
const cases = Object.values(SAMPLES)
  .flat()
  .flatMap((d: Diagnosis) =>
    [false, true].flatMap((finance) =>
      DIRECTIONS.flatMap((direction) =>
        Object.entries(MEDIA).map(([mediumName, medium]) => ({
          d,
          mediumName,
          advice: { finance, ...(direction ? { direction } : {}), ...medium } as AdviceContext,
        })),
      ),
    ),
  );

describe.each(Object.entries(WORDS))('advice for every cause, reader, direction and medium (%s)', (_, w) => {
  const next = (d: Diagnosis, advice: AdviceContext) => w.catalog.diagnosis(d, f, advice).next;
  const label = (d: Diagnosis, a: AdviceContext, medium: string) =>
    `${d.cause} · ${a.finance ? 'finance lead' : 'employee'} · ${a.direction ?? 'direction unknown'} · ${medium}`;

  it('walks every combination', () => {
    expect(cases.length).toBe(Object.values(SAMPLES).flat().length * 2 * 3 * 5);
  });

  it('tells a finance lead what finance does next, never to escalate or ask finance', () => {
    for (const { d, advice, mediumName } of cases.filter((c) => c.advice.finance)) {
      const text = next(d, advice);
      expect(text, label(d, advice, mediumName)).not.toMatch(w.handOn);
      if (!reads(d)) expect(text, label(d, advice, mediumName)).toMatch(w.financeStep);
    }
  });

  it('never tells an employee to do finance’s work', () => {
    for (const { d, advice, mediumName } of cases.filter((c) => !c.advice.finance))
      expect(next(d, advice), label(d, advice, mediumName)).not.toMatch(w.financeWork);
  });

  it('sends the fix of an invoice we received to its seller, and never sends ours to a seller', () => {
    for (const { d, advice, mediumName } of cases) {
      const text = next(d, advice);
      if (advice.direction === 'received' && SELLER_FIXES.has(d.cause))
        expect(text, label(d, advice, mediumName)).toMatch(w.seller);
      // We are the seller of an invoice we issued: its fix is ours.
      if (advice.direction === 'issued') expect(text, label(d, advice, mediumName)).not.toMatch(w.seller);
    }
  });

  it('gives the same advice whatever the direction where no direction can be known or matters', () => {
    for (const { d, advice, mediumName } of cases.filter((c) => DIRECTION_FREE.has(c.d.cause))) {
      const { direction: _direction, ...without } = advice;
      expect(next(d, advice), label(d, advice, mediumName)).toBe(next(d, without));
    }
  });

  it('never says an electronic invoice can be voided; a paper one only in its month of issue', () => {
    for (const { d, advice, mediumName } of cases) {
      const text = next(d, advice);
      if (advice.medium === 'electronic')
        expect(text.replace(w.notVoidable, ''), label(d, advice, mediumName)).not.toMatch(w.voiding);
      // Voiding as a remedy is offered only with its condition.
      if (d.cause !== 'voided' && w.voiding.test(text.replace(w.notVoidable, '')))
        expect(text, label(d, advice, mediumName)).toMatch(w.monthOfIssue);
    }
  });

  it('has finance take back a wrong invoice by the means its medium allows', () => {
    const wrong = [...SAMPLES.mismatch, ...SAMPLES.wrong_buyer];
    for (const d of wrong) {
      const electronic = next(d, { finance: true, direction: 'issued', medium: 'electronic', digital: true });
      expect(electronic).toMatch(w.notVoidable);
      expect(electronic).not.toMatch(w.monthOfIssue);
      const paper = next(d, { finance: true, direction: 'issued', medium: 'paper', digital: false });
      expect(paper).toMatch(w.monthOfIssue);
    }
  });

  it('states on every voided card that only paper invoices can be voided, in their month of issue', () => {
    for (const { d, advice } of cases.filter((c) => c.d.cause === 'voided'))
      expect(w.catalog.diagnosis(d, f, advice).evidence.join(' ')).toMatch(w.monthOfIssue);
  });
});
