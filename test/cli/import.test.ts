import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/cli/import.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { lockDataDir } from '../../src/store/data-lock.js';
import { createLowdbInvoiceStore } from '../../src/store/lowdb-invoice-store.js';
import { encodeGbk } from '../helpers/gbk.js';
import { LEDGER_COLUMNS, ledgerRow, TAX_COLUMNS, taxRow } from '../helpers/rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const clock = createManualClock(new Date('2026-11-27T07:00:00Z'));
const csv = (rows: string[][]) => `${rows.map((r) => r.join(',')).join('\n')}\n`;

async function run(argv: string[], env: Record<string, string>) {
  const lines: string[] = [];
  const code = await runImport(argv, env, (l) => lines.push(l), clock);
  return { code, out: lines.join('\n') };
}

describe('npm run import', () => {
  const tempDir = useTempDirs();

  it('imports a ledger CSV and prints a summary', async () => {
    const dir = await tempDir();
    const file = join(dir, 'ledger.csv');
    await writeFile(file, csv([[...LEDGER_COLUMNS], ledgerRow()]));
    const r = await run(['ledger', file], { DATA_DIR: join(dir, 'data') });
    expect(r.code).toBe(0);
    // A backup of DATA_DIR is taken before anything is written.
    expect(r.out).toMatch(
      /^Backup written to .*before-import\.\nImported 1 ledger rows: 1 new, 0 changed, 0 unchanged\.$/,
    );
    expect(await readdir(join(dir, 'data', 'backups'))).toHaveLength(1);
  });

  it('imports a ledger CSV saved by Excel in GBK, and names the row of an unclosed quote', async () => {
    const dir = await tempDir();
    const file = join(dir, 'ledger.csv');
    await writeFile(file, encodeGbk(csv([[...LEDGER_COLUMNS], ledgerRow({ seller_name: '北京示例科技有限公司' })])));
    expect((await run(['ledger', file], { DATA_DIR: join(dir, 'data') })).code).toBe(0);
    const store = await createLowdbInvoiceStore(join(dir, 'data'));
    expect((await store.find({ name: '示例科技' }, 5)).pairs[0]?.ledger?.sellerName).toBe('北京示例科技有限公司');
    await writeFile(file, `${csv([[...LEDGER_COLUMNS], ledgerRow()])}"unclosed,1\n`);
    const r = await run(['ledger', file], { DATA_DIR: join(dir, 'data') });
    expect(r.code).toBe(1);
    expect(r.out).toContain('A quoted cell is never closed (row 3)');
  });

  it('refuses a file with a bad row, lists it, exits 1 and writes nothing', async () => {
    const dir = await tempDir();
    const file = join(dir, 'ledger.csv');
    await writeFile(
      file,
      csv([[...LEDGER_COLUMNS], ledgerRow(), ledgerRow({ digital_number: '26112000000000100002', total: '1.00' })]),
    );
    const r = await run(['ledger', file], { DATA_DIR: join(dir, 'data'), BOT_LANGUAGE: 'zh' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('未导入任何数据');
    expect(r.out).toContain('第 3 行，total：金额 + 税额 不等于 价税合计（「1.00」）');
    expect(await readdir(join(dir, 'data', 'invoices', 'ledger'))).toEqual([]);
  });

  it('imports the e-tax export as XLSX, with date cells, and records its coverage', async () => {
    const dir = await tempDir();
    const file = join(dir, 'export.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('发票基础信息');
    sheet.addRow([...TAX_COLUMNS]);
    const row = taxRow();
    // Real exports hold dates as date cells and amounts as numbers.
    sheet.addRow(
      row.map((v, i) =>
        TAX_COLUMNS[i] === '开票日期'
          ? new Date(Date.UTC(2026, 10, 10, 9, 30))
          : ['金额', '税额', '价税合计'].includes(TAX_COLUMNS[i] ?? '')
            ? Number(v)
            : v,
      ),
    );
    await workbook.xlsx.writeFile(file);
    const r = await run(['tax', file, '--from', '2026-11-01', '--to', '2026-11-26'], { DATA_DIR: join(dir, 'data') });
    expect(r.out).toContain('Imported 1 tax rows');
    expect(r.out).toContain('covers issue dates 2026-11-01 – 2026-11-26');
    const store = await createLowdbInvoiceStore(join(dir, 'data'));
    expect((await store.get({ kind: 'digital', number: '26112000000000100001' })).tax).toMatchObject({
      issuedAt: '2026-11-10T09:30:00+08:00',
      total: 530000,
    });
  });

  it('refuses to run against a DATA_DIR a bot holds, saying what to do instead', async () => {
    const dir = await tempDir();
    const file = join(dir, 'tax.csv');
    await writeFile(file, csv([[...TAX_COLUMNS], taxRow()]));
    const release = await lockDataDir(join(dir, 'data'));
    // The lock belongs to this very process; make it look like another live one (pid 1).
    await writeFile(join(dir, 'data', '.lock'), '1');
    const r = await run(['tax', file], { DATA_DIR: join(dir, 'data') });
    await release();
    expect(r.code).toBe(2);
    expect(r.out).toContain('is in use by another Invoice Desk process');
    expect(r.out).toContain('inbox');
  });

  it.each([
    [['ledger'], 'Usage: npm run import'],
    [['payroll', 'x.csv'], 'Usage: npm run import'],
    [['tax', 'x.pdf'], 'only .csv and .xlsx'],
    [['tax', '/nonexistent/x.csv'], 'no such file'],
    [['tax', 'x.csv', '--from', 'yesterday'], 'Usage: npm run import'],
  ])('answers %j with a clear message', async (argv, text) => {
    const dir = await tempDir();
    const r = await run(argv, { DATA_DIR: join(dir, 'data') });
    expect(r.code).toBe(2);
    expect(r.out).toContain(text);
  });
});
