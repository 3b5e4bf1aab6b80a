import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.js';
import type { InvoiceId } from '../../src/domain/identifier.js';
import { mediumOf } from '../../src/domain/invoice-medium.js';
import { TAX_COLUMNS } from '../../src/domain/tax-row.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const column = (name: (typeof TAX_COLUMNS)[number]) => TAX_COLUMNS.indexOf(name);

describe('the benchmark’s synthetic tax export', () => {
  it('voids only paper invoices; the electronic ones it takes back are red-reversed', async () => {
    const { tax } = await generate(await tempDir(), 2_000);
    const rows = (await readFile(tax, 'utf8'))
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const media = (row: string[]) => {
      const [code = '', number = '', digital = ''] = [
        column('发票代码'),
        column('发票号码'),
        column('数电发票号码'),
      ].map((c) => row[c]);
      const id: InvoiceId = digital ? { kind: 'digital', number: digital } : { kind: 'legacy', code, number };
      return mediumOf([id], row[column('发票票种')]);
    };
    const voided = rows.filter((row) => row[column('发票状态')] === '已作废');
    expect(voided.length).toBeGreaterThan(0);
    expect(voided.map(media)).toEqual(voided.map(() => 'paper'));
    expect(rows.filter((row) => row[column('发票状态')] === '已红冲').map(media)).toContain('electronic');
  });
});
