import { describe, expect, it } from 'vitest';
import type { InvoiceId } from '../../src/domain/identifier.js';
import type { LedgerRecord } from '../../src/domain/invoice.js';
import { InvoiceIndex } from '../../src/store/invoice-index.js';
import { bruteForceFind, FEW_MATCHES, findDataset, MANY_MATCHES } from '../helpers/find-dataset.js';
import { ledger, tax } from '../helpers/fixtures.js';

describe('InvoiceIndex.find', () => {
  const data = findDataset(1000);
  const all = [...data.ledger, ...data.tax];
  // Candidate sets over 100 are walked day by day, as sets over 20,000 are at full size.
  const index = new InvoiceIndex(100);
  for (const r of all) index.put(r);

  it.each(FEW_MATCHES)('answers %j exactly: the newest ten and the true count', (query) => {
    const want = bruteForceFind(all, query, 10);
    const got = index.find(query, 10);
    // The exact count is known whichever way the candidates were found: an index set or the day walk.
    expect({ count: got.count, more: got.more, newest: got.pairs.map((p) => p.ledger?.issuedAt) }).toEqual({
      ...want,
      more: false,
    });
  });

  it.each(MANY_MATCHES)('stops counting at 200 for %j, still listing the newest ten', (query) => {
    const want = bruteForceFind(all, query, 10);
    expect(want.count).toBeGreaterThan(200);
    const got = index.find(query, 10);
    expect(got).toMatchObject({ count: 200, more: true });
    expect(got.pairs.map((p) => p.ledger?.issuedAt)).toEqual(want.newest);
  });
});

describe('InvoiceIndex records in columns', () => {
  const paper = [
    { kind: 'digital' as const, number: '26112000000000100009' },
    { kind: 'legacy' as const, code: '011002600111', number: '10000009' },
  ];

  it('returns exactly the record it was given, optional fields and history included', () => {
    const index = new InvoiceIndex();
    const l = ledger({ uploadedAt: '2026-11-10T10:00:00+08:00', history: [{ at: 'x', from: 'a', to: 'b' }] });
    const { requester: _, ...noRequester } = ledger({ ids: paper });
    const t = tax({ positive: false, redOf: { kind: 'legacy', code: '011002600111', number: '10000001' } });
    for (const r of [l, noRequester, t]) index.put(r);
    expect(index.pair(l.ids[0] as InvoiceId)).toEqual({ ledger: l, tax: t });
    const back = index.record('ledger', 'L011002600111-10000009');
    expect(back).toStrictEqual(noRequester);
    expect(Object.keys(back ?? {})).not.toContain('requester');
  });

  it('finds a paper 数电 invoice under either id, and lists it once by its 8-digit number', () => {
    const index = new InvoiceIndex();
    index.put(ledger({ ids: paper }));
    index.put(tax({ ids: [paper[0] as InvoiceId] }));
    expect(index.has(paper[1] as InvoiceId)).toBe(true);
    expect(index.pair(paper[1] as InvoiceId).tax?.ids).toEqual([paper[0]]);
    expect(index.byNumber8('10000009')).toEqual([paper[0]]);
    expect(index.byNumber8('00100009')).toEqual([paper[0]]);
    expect(index.byNumber8('100009')).toEqual([]);
    expect(index.reversedBy(paper[1] as InvoiceId)).toEqual([]);
  });

  it('answers with the replacing record only, by its new facts and not its old ones', () => {
    const index = new InvoiceIndex();
    index.put(ledger({ total: 530_000, buyerName: '旧客户有限公司', issuedAt: '2026-11-10T09:30:00+08:00' }));
    const next = ledger({ total: 640_000, buyerName: '新客户有限公司', issuedAt: '2026-11-12T09:30:00+08:00' });
    index.put(next);
    expect(index.counts()).toEqual({ ledger: 1, tax: 0 });
    expect(index.find({ total: 640_000 }, 10).pairs).toEqual([{ ledger: next }]);
    expect(index.find({ total: 530_000 }, 10)).toEqual({ pairs: [], count: 0, more: false });
    expect(index.find({ name: '旧客户' }, 10).count).toBe(0);
    expect(index.find({ name: '新客户' }, 10).count).toBe(1);
    expect(index.find({ dayFrom: '2026-11-10' }, 10).count).toBe(0);
    expect(index.find({ dayFrom: '2026-11-12' }, 10).pairs).toEqual([{ ledger: next }]);
    // Putting the first version back (a re-import of an older file) lists it again under its old facts, once.
    index.put(ledger({ total: 530_000, buyerName: '旧客户有限公司', issuedAt: '2026-11-10T09:30:00+08:00' }));
    expect(index.find({ total: 530_000 }, 10).count).toBe(1);
    expect(index.find({ name: '客户' }, 10).count).toBe(1);
  });

  it('keeps very long names and characters outside the BMP, and finds them by a fragment', () => {
    const index = new InvoiceIndex();
    const long = `${'很长的名字'.repeat(20_000)}有限公司`;
    const rare = '𠀀𪚥科技 😀 有限公司';
    index.put(ledger({ sellerName: long, buyerName: rare }));
    const pair = index.pair(ledger().ids[0] as InvoiceId);
    expect(pair.ledger?.sellerName).toBe(long);
    expect(pair.ledger?.buyerName).toBe(rare);
    expect(index.find({ name: '𪚥科' }, 10).count).toBe(1);
    expect(index.find({ name: '😀' }, 10).count).toBe(1);
    expect(index.find({ name: '名字很长' }, 10).count).toBe(1);
  });

  it('keeps a record of an unexpected shape whole: an extra field, a lone surrogate, a third id', () => {
    const index = new InvoiceIndex();
    const odd = { ...ledger(), buyerName: 'broken \ud800 name', extra: { kept: [1, 2] } } as LedgerRecord;
    index.put(odd);
    expect(index.record('ledger', 'D26112000000000100001')).toStrictEqual(odd);
    const three = ledger({
      ids: [...paper, { kind: 'digital', number: '26112000000000100010' }],
    });
    index.put(three);
    expect(index.pair({ kind: 'digital', number: '26112000000000100010' }).ledger).toStrictEqual(three);
  });

  it('lists ledger invoices the tax data lacks, by their first id', () => {
    const index = new InvoiceIndex();
    const other = { kind: 'legacy' as const, code: '011002600111', number: '10000002' };
    index.put(ledger());
    index.put(tax());
    index.put(ledger({ ids: [other] }));
    expect(index.missingFromTax()).toEqual([other]);
  });
});

describe('InvoiceIndex.reserveSteps', () => {
  const batch = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) =>
      ledger({
        ids: [{ kind: 'digital', number: `26112000000001${String(from + i).padStart(6, '0')}` }],
        total: 100 * (from + i),
        buyerName: `客户${(from + i) % 50}有限公司`,
      }),
    );
  const probe = (index: InvoiceIndex) => ({
    counts: index.counts(),
    first: index.pair({ kind: 'digital', number: '26112000000001000007' }),
    last: index.pair({ kind: 'digital', number: '26112000000001006999' }),
    number8: index.byNumber8('01000007'),
    total: index.find({ total: 700 }, 10).count,
    name: index.find({ name: '客户7有' }, 10).count,
  });

  it('answers as before while only part of the room is made, and the same once the batch is in', () => {
    const plain = new InvoiceIndex();
    const reserved = new InvoiceIndex();
    for (const r of batch(0, 2000)) {
      plain.put(r);
      reserved.put(r);
    }
    const steps = reserved.reserveSteps('ledger', 5000);
    expect(steps.length).toBeGreaterThan(10);
    for (const step of steps.slice(0, steps.length / 2)) step();
    expect(probe(reserved)).toEqual(probe(plain));
    for (const step of steps.slice(steps.length / 2)) step();
    expect(reserved.reserveSteps('ledger', 5000)).toEqual([]);
    for (const r of batch(2000, 5000)) {
      plain.put(r);
      reserved.put(r);
    }
    expect(probe(reserved)).toEqual(probe(plain));
    expect(probe(reserved).counts).toEqual({ ledger: 7000, tax: 0 });
  });
});
