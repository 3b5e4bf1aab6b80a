import { describe, expect, it } from 'vitest';
import type { InvoiceId } from '../../src/domain/identifier.js';
import type { LedgerRecord, TaxRecord } from '../../src/domain/invoice.js';
import { InvoiceIndex } from '../../src/store/invoice-index.js';
import { JsonLineScanner, scanIds, Token } from '../../src/store/json-line-scan.js';
import { findDataset } from '../helpers/find-dataset.js';
import { ledger, tax } from '../helpers/fixtures.js';

const paper: InvoiceId[] = [
  { kind: 'digital', number: '26112000000000100009' },
  { kind: 'legacy', code: '011002600111', number: '10000009' },
];

// Records of every shape an import can hand over: plain, escaped, outside the BMP, optional fields absent or
// present, red-letter links, histories, replacements of earlier records, and shapes the columns cannot hold.
function records(): Array<LedgerRecord | TaxRecord> {
  const data = findDataset(200);
  const { requester: _, ...noRequester } = ledger({ ids: [{ kind: 'digital', number: '26112000000000900001' }] });
  return [
    ...data.ledger,
    ...data.tax,
    ledger({ ids: paper, note: 'quote " backslash \\ newline \n tab \t end', sellerName: '𪚥科技 😀 公司' }),
    tax({ ids: [paper[0] as InvoiceId], positive: false, redOf: paper[1], buyerTaxId: '' }),
    tax({ ids: [{ kind: 'legacy', code: '0110026001', number: '1234' }], redOf: paper[0], sellerTaxId: '' }),
    ledger({ ids: [{ kind: 'digital', number: '26112000000000900002' }], uploadedAt: '2026-11-10T10:00:00+08:00' }),
    ledger({ ids: [{ kind: 'digital', number: '26112000000000900003' }], history: [{ at: 'x', from: 'a', to: 'b' }] }),
    ledger({ ids: [{ kind: 'digital', number: '26112000000000900004' }], issuedAt: '２０２６-11-10 全角' }),
    ledger({ ids: [{ kind: 'digital', number: '26112000000000900005' }], amount: -1234567, total: 1234567890123456 }),
    noRequester as LedgerRecord,
    // Replacements: the same invoices again with other facts.
    { ...(data.ledger[3] as LedgerRecord), total: 1, buyerName: '替换后' },
    { ...(data.tax[4] as TaxRecord), status: 'voided', sellerTaxId: '91110000000000000X' },
    // Shapes kept whole: an extra field, a lone surrogate, a third id, an escaped key.
    { ...ledger({ ids: [{ kind: 'digital', number: '26112000000000900006' }] }), extra: { kept: [1] } } as LedgerRecord,
    ledger({ ids: [{ kind: 'digital', number: '26112000000000900007' }], buyerName: 'broken \ud800 name' }),
    ledger({ ids: ['900008', '900009', '900010'].map((n) => ({ kind: 'digital', number: `26112000000000${n}` })) }),
    // A history that is not a list (no import writes one): read back as it was given, not as the JSON it spells.
    {
      ...ledger({ ids: [{ kind: 'digital', number: '26112000000000900011' }] }),
      history: '[]',
    } as unknown as LedgerRecord,
    {
      ...ledger({ ids: [{ kind: 'digital', number: '26112000000000900012' }] }),
      history: '12',
    } as unknown as LedgerRecord,
  ];
}

function viaLines(rs: Array<LedgerRecord | TaxRecord>): { index: InvoiceIndex; fallbacks: number } {
  const index = new InvoiceIndex();
  let fallbacks = 0;
  for (const r of rs) {
    const bytes = Buffer.from(`${JSON.stringify(r)}\n`);
    if (!index.putLine(r.source, bytes, 0, bytes.length - 1)) {
      fallbacks += 1;
      index.put(JSON.parse(bytes.toString('utf8', 0, bytes.length - 1)) as LedgerRecord | TaxRecord);
    }
  }
  return { index, fallbacks };
}

// An image part as bytes, to compare two images part by part.
const asBytes = (part: number | Uint8Array | Int32Array | Uint32Array | Float64Array | undefined) =>
  typeof part === 'object' ? Buffer.from(part.buffer, part.byteOffset, part.byteLength) : part;

// The two indexes hold the same image: the same parts, byte for byte.
function expectSameImage(got: InvoiceIndex, want: InvoiceIndex): void {
  const wanted = want.image();
  const image = got.image();
  expect([...image.keys()]).toEqual([...wanted.keys()]);
  for (const [name, part] of wanted) expect(asBytes(image.get(name)), name).toEqual(asBytes(part));
}

describe('InvoiceIndex.putLine', () => {
  it('builds exactly the index that put builds from the parsed records, array for array', () => {
    const rs = records();
    const parsed = new InvoiceIndex();
    for (const r of rs) parsed.put(r);
    const { index, fallbacks } = viaLines(rs);
    // The shapes the columns cannot hold (extra field, lone surrogate, third id, two histories that are strings)
    // took the ordinary way.
    expect(fallbacks).toBe(5);
    expectSameImage(index, parsed);
  });

  it('answers every lookup with the records as they were given', () => {
    const rs = records();
    const { index } = viaLines(rs);
    const last = new Map<string, LedgerRecord | TaxRecord>();
    for (const r of rs) last.set(`${r.source}:${JSON.stringify(r.ids[0])}`, r);
    for (const r of last.values()) expect(index.pair(r.ids[0] as InvoiceId)[r.source]).toStrictEqual(r);
    expect(index.byNumber8('10000009')).toEqual([paper[0]]);
    expect(index.reversedBy(paper[0] as InvoiceId)).toEqual([{ kind: 'legacy', code: '0110026001', number: '1234' }]);
    expect(index.find({ name: '𪚥科' }, 10).count).toBe(1);
    expect(index.find({ name: '替换后' }, 10).count).toBe(1);
  });

  it.each([
    ['an extra field', '{"source":"ledger","ids":[{"kind":"digital","number":"1"}],"extra":1}'],
    ['whitespace', '{"source": "ledger"}'],
    ['another source', JSON.stringify(tax()).replace('"tax"', '"ledger"')],
    ['a repeated key', JSON.stringify(ledger()).replace('{', '{"note":"",')],
    ['a legacy code with a dash', JSON.stringify(ledger({ ids: [{ kind: 'legacy', code: '01-1', number: '1' }] }))],
    ['a number JSON refuses', JSON.stringify(ledger()).replace(/"total":\d+/, '"total":1-2')],
    ['a missing field', JSON.stringify({ ...ledger(), type: undefined })],
    ['text cut short', JSON.stringify(ledger()).slice(0, -10)],
  ])('answers false and changes nothing for %s', (_, line) => {
    const index = new InvoiceIndex();
    const before = index.image();
    const bytes = Buffer.from(line);
    expect(index.putLine('ledger', bytes, 0, bytes.length)).toBe(false);
    expect(index.counts()).toEqual({ ledger: 0, tax: 0 });
    expect([...index.image()].map(([k, v]) => [k, asBytes(v)])).toEqual([...before].map(([k, v]) => [k, asBytes(v)]));
  });
});

describe('InvoiceIndex.stageLine and putStaged', () => {
  // Records staged the way an import stages them: ledger first, each source in one staging.
  function staged(rs: Array<LedgerRecord | TaxRecord>): { index: InvoiceIndex; stagings: Array<() => void> } {
    const index = new InvoiceIndex();
    const stagings: Array<() => void> = [];
    for (const source of ['ledger', 'tax'] as const) {
      const mine = rs.filter((r) => r.source === source);
      const staging = index.staging(source, mine.length);
      for (const [i, r] of mine.entries()) {
        const bytes = Buffer.from(JSON.stringify(r));
        index.stageLine(staging, i, bytes, 0, bytes.length);
      }
      stagings.push(() => {
        for (let i = 0; i < mine.length; i++) index.putStaged(staging, i);
      });
    }
    return { index, stagings };
  }

  it('shows nothing of what is staged until it is put, then builds the index put builds, array for array', () => {
    const rs = records();
    const index = new InvoiceIndex();
    for (const r of rs.filter((r) => r.source === 'ledger')) index.put(r);
    for (const r of rs.filter((r) => r.source === 'tax')) index.put(r);
    const { index: stagedIndex, stagings } = staged(rs);
    const [ledgerStaging, taxStaging] = stagings as [() => void, () => void];
    // Staged, not put: no lookup finds any of it.
    expect(stagedIndex.counts()).toEqual({ ledger: 0, tax: 0 });
    expect(stagedIndex.has(paper[1] as InvoiceId)).toBe(false);
    expect(stagedIndex.byNumber8('10000009')).toEqual([]);
    expect(stagedIndex.find({ name: '替换后' }, 10).count).toBe(0);
    expect(stagedIndex.find({ taxId: '91110000000000000X' }, 10).count).toBe(0);
    ledgerStaging();
    taxStaging();
    expectSameImage(stagedIndex, index);
  });

  it('leaves the index answering as before when a staging is dropped, and the next staging takes its rows', () => {
    const rs = records();
    const ledgers = rs.filter((r): r is LedgerRecord => r.source === 'ledger');
    const index = new InvoiceIndex();
    index.put(ledgers[0] as LedgerRecord);
    const dropped = index.staging('ledger', ledgers.length);
    for (const [i, r] of ledgers.entries()) {
      const bytes = Buffer.from(JSON.stringify({ ...r, buyerName: 'dropped' }));
      index.stageLine(dropped, i, bytes, 0, bytes.length);
    }
    expect(index.counts().ledger).toBe(1);
    expect(index.find({ name: 'dropped' }, 10).count).toBe(0);
    const again = index.staging('ledger', 1);
    const bytes = Buffer.from(JSON.stringify(ledgers[1]));
    index.stageLine(again, 0, bytes, 0, bytes.length);
    index.putStaged(again, 0);
    expect(index.counts().ledger).toBe(2);
    expect(index.pair(ledgers[1]?.ids[0] as InvoiceId).ledger).toStrictEqual(ledgers[1]);
    expect(index.pair(ledgers[0]?.ids[0] as InvoiceId).ledger).toStrictEqual(ledgers[0]);
  });
});

describe('JsonLineScanner', () => {
  it('finds each value, strings without their quotes, escapes and nested brackets in strings included', () => {
    const scanner = new JsonLineScanner(['a', 'b', 'c', 'd', 'e']);
    const text = '{"b":"x\\"]}y","a":[{"k":"]}"},2],"d":-1.5e3,"e":null}';
    const bytes = Buffer.from(text);
    expect(scanner.scan(bytes, 0, bytes.length)).toBe(true);
    const value = (i: number) => bytes.toString('utf8', scanner.starts[i], scanner.ends[i]);
    expect([value(0), value(1), value(3), value(4)]).toEqual(['[{"k":"]}"},2]', 'x\\"]}y', '-1.5e3', 'null']);
    expect([...scanner.kinds]).toEqual([Token.array, Token.escaped, Token.absent, Token.number, Token.null]);
    // The same keys in another order on the next line.
    const again = Buffer.from('{"e":true,"c":"","a":{}}');
    expect(scanner.scan(again, 0, again.length)).toBe(true);
    expect([...scanner.kinds]).toEqual([Token.object, Token.absent, Token.string, Token.absent, Token.true]);
  });

  it('reads ids as JSON.stringify writes them, and nothing else', () => {
    const out = new Int32Array(20);
    const ids = Buffer.from(JSON.stringify(paper));
    expect(scanIds(ids, 0, ids.length, out)).toBe(2);
    expect(ids.toString('utf8', out[6], out[7])).toBe('011002600111');
    const reordered = Buffer.from('[{"number":"1","kind":"digital"}]');
    expect(scanIds(reordered, 0, reordered.length, out)).toBe(-1);
  });
});
