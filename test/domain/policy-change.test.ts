import { describe, expect, it } from 'vitest';
import { dueEvents, type Notice, toWindow, validateNotice } from '../../src/domain/notice.js';
import {
  affects,
  invoiceKindsOf,
  isListed,
  type PolicyInvoiceKind,
  policiesFor,
} from '../../src/domain/policy-change.js';

const policy = (over: Partial<Notice> = {}): Notice => ({
  id: 'NTC-P',
  kind: 'policy',
  policy: { invoiceKinds: ['digital', 'red'] },
  system: 'etax',
  functions: [],
  startsAt: '2026-12-01T00:00:00+08:00',
  endsAt: '2026-12-01T00:00:00+08:00',
  message: { en: 'Red-letter forms lapse after 72 hours' },
  channels: ['C0'],
  reminders: [],
  status: 'scheduled',
  createdBy: 'UADM',
  createdAt: '2026-11-27T10:00:00+08:00',
  posts: [],
  events: [],
  done: [],
  ...over,
});

const digitalRed = {
  ids: [{ kind: 'digital' as const, number: '26112000000000100099' }],
  type: '数电发票（普通发票）',
  total: -1000,
};

describe('invoiceKindsOf and affects', () => {
  it.each<
    [
      PolicyInvoiceKind[],
      {
        ids: Array<{ kind: 'digital'; number: string } | { kind: 'legacy'; code: string; number: string }>;
        type: string;
        total: number;
      },
      boolean,
    ]
  >([
    [['digital', 'red'], digitalRed, true],
    [['digital', 'red'], { ...digitalRed, total: 1000 }, false],
    [['digital'], { ...digitalRed, total: 1000 }, true],
    [['legacy'], digitalRed, false],
    [['special'], { ...digitalRed, type: '数电发票（增值税专用发票）' }, true],
    [['special', 'ordinary'], digitalRed, true],
    [
      ['legacy', 'special'],
      { ids: [{ kind: 'legacy', code: '1100254130', number: '20000017' }], type: '增值税专用发票', total: 5 },
      true,
    ],
    [[], digitalRed, false],
  ])('%o covers %o → %s', (picked, facts, expected) => {
    expect(affects(picked, invoiceKindsOf(facts))).toBe(expected);
  });
});

describe('policiesFor', () => {
  const issued = (iso: string) => ({ ...digitalRed, issuedAt: iso });

  it('names a change that took effect within the days before the issue time and affects the kind', () => {
    expect(policiesFor([policy()], issued('2026-12-10T10:00:00+08:00'), 30).map((n) => n.id)).toEqual(['NTC-P']);
  });

  it.each([
    ['issued before it took effect', policy(), '2026-11-30T23:59:00+08:00'],
    ['issued after the configured days', policy(), '2026-12-31T00:00:00+08:00'],
    ['withdrawn', policy({ status: 'cancelled' }), '2026-12-10T10:00:00+08:00'],
    ['a maintenance window', policy({ kind: 'maintenance' }), '2026-12-10T10:00:00+08:00'],
    ['another kind', policy({ policy: { invoiceKinds: ['legacy'] } }), '2026-12-10T10:00:00+08:00'],
  ])('leaves out a change %s', (_why, notice, at) => {
    expect(policiesFor([notice], issued(at), 30)).toEqual([]);
  });
});

describe('isListed', () => {
  it.each([
    [policy(), '2026-11-27T12:00:00+08:00', true],
    [policy({ status: 'in_progress' }), '2026-12-30T23:00:00+08:00', true],
    [policy({ status: 'in_progress' }), '2026-12-31T00:00:00+08:00', false],
    [policy({ status: 'cancelled' }), '2026-11-27T12:00:00+08:00', false],
    [policy({ kind: 'maintenance', endsAt: '2026-12-01T06:00:00+08:00' }), '2026-12-01T05:00:00+08:00', true],
    [policy({ kind: 'maintenance', endsAt: '2026-12-01T06:00:00+08:00' }), '2026-12-01T07:00:00+08:00', false],
  ])('%#: listed at %s → %s', (notice, now, expected) => {
    expect(isListed(notice, new Date(now), 30)).toBe(expected);
  });
});

describe('a policy change in the notice lifecycle', () => {
  it('only takes effect: no reminders, no end, and no maintenance window for the diagnosis', () => {
    expect(dueEvents(policy(), new Date('2026-11-30T00:00:00+08:00')).due).toEqual([]);
    expect(dueEvents(policy(), new Date('2026-12-01T00:00:00+08:00')).due).toEqual([{ key: 'start', kind: 'start' }]);
    expect(dueEvents(policy({ status: 'in_progress', done: ['start'] }), new Date('2027-06-01T00:00:00Z')).due).toEqual(
      [],
    );
    expect(toWindow(policy(), 'x')).toBeUndefined();
  });

  it('is validated for its own fields: invoice kinds, a web link, a message and channels — not an end', () => {
    const draft = { ...policy(), alreadyStarted: false };
    expect(validateNotice(draft, new Date('2026-12-20T00:00:00Z'))).toEqual([]);
    const bad = { ...draft, policy: { invoiceKinds: [], link: 'ftp://x' }, message: {}, channels: [] };
    expect(
      validateNotice(bad, new Date())
        .map((p) => p.code)
        .sort(),
    ).toEqual(['bad_link', 'empty_message', 'no_channel', 'no_invoice_kind']);
  });

  it('does not mutate the notice', () => {
    const n = policy();
    const copy = structuredClone(n);
    dueEvents(n, new Date('2026-12-02T00:00:00Z'));
    policiesFor([n], { ...digitalRed, issuedAt: '2026-12-02T00:00:00Z' }, 30);
    expect(n).toEqual(copy);
  });
});
