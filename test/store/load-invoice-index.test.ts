import { readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InvoiceId } from '../../src/domain/identifier.js';
import type { LedgerRecord, TaxRecord } from '../../src/domain/invoice.js';
import { InvoiceIndex } from '../../src/store/invoice-index.js';
import { indexImageFile, loadInvoiceIndex } from '../../src/store/load-invoice-index.js';
import { createLowdbInvoiceStore } from '../../src/store/lowdb-invoice-store.js';
import { ledger, tax } from '../helpers/fixtures.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const now = new Date('2026-11-27T07:00:00Z');
const digital = (n: number): InvoiceId => ({ kind: 'digital', number: `261120000000001${String(n).padStart(5, '0')}` });

// A few thousand invoices with a paper 数电 one, a red reversal, a name outside the BMP and one without a tax side.
function sample(): Array<LedgerRecord | TaxRecord> {
  const out: Array<LedgerRecord | TaxRecord> = [];
  for (let i = 0; i < 3000; i++) {
    const facts = {
      ids: [digital(i)],
      total: 1000 * (i % 13),
      buyerName: i % 100 === 0 ? '𠀀𪚥贸易有限公司' : `客户${i % 40}有限公司`,
      issuedAt: new Date(Date.UTC(2026, 9, 1) + i * 1_800_000).toISOString(),
    };
    out.push(ledger({ ...facts, requester: `U${i % 7}` }));
    if (i % 9 !== 0) out.push(tax(facts));
  }
  out.push(ledger({ ids: [digital(5000), { kind: 'legacy', code: '011002600111', number: '10005000' }] }));
  out.push(tax({ ids: [digital(5001)], positive: false, redOf: digital(3), total: -1000 }));
  return out;
}

// Every question the store answers, asked of one index.
function answers(index: InvoiceIndex) {
  return {
    counts: index.counts(),
    pairs: [0, 3, 9, 2999, 5000, 5001].map((n) => index.pair(digital(n))),
    legacy: index.pair({ kind: 'legacy', code: '011002600111', number: '10005000' }),
    number8: index.byNumber8('00000009'),
    reversed: index.reversedBy(digital(3)),
    missing: index.missingFromTax().length,
    finds: [{ total: 5000 }, { name: '𪚥' }, { requester: 'U3', name: '客户1' }, { dayFrom: '2026-10-20' }].map((q) =>
      index.find(q, 10),
    ),
  };
}

describe('InvoiceIndex.image', () => {
  it('comes back answering every question as the index it was taken from, and keeps growing', () => {
    const index = new InvoiceIndex();
    for (const r of sample()) index.put(r);
    const copy = InvoiceIndex.fromImage(index.image());
    expect(answers(copy)).toEqual(answers(index));
    // The restored arrays are exactly full: the next records make every one of them grow.
    const more = Array.from({ length: 2000 }, (_, i) => ledger({ ids: [digital(10_000 + i)], buyerName: `新${i}` }));
    for (const r of more) {
      index.put(r);
      copy.put(r);
    }
    expect(answers(copy)).toEqual(answers(index));
    expect(copy.find({ name: '新1999' }, 10).count).toBe(1);
  });

  it('refuses an image with a part missing', () => {
    const index = new InvoiceIndex();
    index.put(ledger());
    const image = index.image();
    image.delete('ledger.total');
    expect(() => InvoiceIndex.fromImage(image)).toThrow('ledger.total');
  });
});

describe('loadInvoiceIndex', () => {
  const tempDir = useTempDirs();

  async function imported(): Promise<string> {
    const dir = await tempDir();
    const store = await createLowdbInvoiceStore(dir);
    const records = sample();
    await store.importLedger(
      records.filter((r): r is LedgerRecord => r.source === 'ledger'),
      now,
    );
    await store.importTax(
      records.filter((r): r is TaxRecord => r.source === 'tax'),
      undefined,
      now,
    );
    return dir;
  }

  it('starts from the image an import wrote, answering as the JSON shards do', async () => {
    const dir = await imported();
    const fromImage = await loadInvoiceIndex(dir);
    expect(fromImage.from).toBe('image');
    // Without the image the same folder is read from its shards, and the image is written again.
    await writeFile(indexImageFile(dir), '');
    const fromShards = await loadInvoiceIndex(dir);
    expect(fromShards.from).toBe('shards');
    expect(answers(fromImage.index)).toEqual(answers(fromShards.index));
    expect((await loadInvoiceIndex(dir)).from).toBe('image');
  });

  it('reads the shards when one changed after the image was written (a crash before it, a restore, an edit)', async () => {
    const dir = await imported();
    const shard = join(dir, 'invoices', 'ledger', '2026-10-01.json');
    const edited = (await readFile(shard, 'utf8')).replace('客户0有限公司', '改过的客户有限公司');
    await writeFile(shard, edited);
    const loaded = await loadInvoiceIndex(dir);
    expect(loaded.from).toBe('shards');
    expect(loaded.index.find({ name: '改过的' }, 10).count).toBe(1);
  });

  it('reads the shards when the image is cut short or of another format, and replaces it', async () => {
    const dir = await imported();
    const file = indexImageFile(dir);
    const size = (await stat(file)).size;
    await truncate(file, size - 8);
    expect((await loadInvoiceIndex(dir)).from).toBe('shards');
    expect((await loadInvoiceIndex(dir)).from).toBe('image');
    const bytes = await readFile(file);
    bytes.write('X', 0);
    await writeFile(file, bytes);
    expect((await loadInvoiceIndex(dir)).from).toBe('shards');
    expect((await loadInvoiceIndex(dir)).from).toBe('image');
  });

  it('converts a data folder of JSON shards only, as older versions left it, on its first start', async () => {
    const dir = await tempDir();
    const store = await createLowdbInvoiceStore(dir);
    await store.importLedger([ledger()], now);
    await writeFile(indexImageFile(dir), '');
    const reopened = await createLowdbInvoiceStore(dir);
    expect((await reopened.get(digital(1))).ledger).toEqual(ledger());
    expect((await loadInvoiceIndex(dir)).from).toBe('image');
  });
});
