import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/cli/import.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { createFileDeductionStore } from '../../src/store/file-deduction-store.js';
import { encodeGbk } from '../helpers/gbk.js';
import { DEDUCTION_COLUMNS, deductionRow } from '../helpers/rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

// 2026-12-09 10:00 in Beijing: selection is open for the November period (due 2026-12-15).
const clock = createManualClock(new Date('2026-12-09T02:00:00Z'));
const csv = (rows: string[][]) => `${rows.map((r) => r.join(',')).join('\n')}\n`;
const A = '26312000000000012345';
const B = '26312000000000012346';

async function run(argv: string[], env: Record<string, string>) {
  const lines: string[] = [];
  const code = await runImport(argv, env, (l) => lines.push(l), clock);
  return { code, out: lines.join('\n') };
}

describe('npm run import -- deduction', () => {
  const tempDir = useTempDirs();

  it('imports a deduction-selection CSV for the period open for selection, and prints a summary', async () => {
    const dir = await tempDir();
    const file = join(dir, '抵扣类勾选.csv');
    await writeFile(
      file,
      csv([[...DEDUCTION_COLUMNS], deductionRow({ 是否勾选: '是' }), deductionRow({ 数电发票号码: B })]),
    );
    const r = await run(['deduction', file], { DATA_DIR: join(dir, 'data') });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Backup written to .*before-import/);
    expect(r.out).toContain('Imported 2 deduction rows: 2 new, 0 changed, 0 unchanged.');
    expect(r.out).toContain('Deduction selections recorded for the November 2026 period.');
    const store = await createFileDeductionStore(join(dir, 'data'));
    expect(await store.get(`D${A}`)).toMatchObject({
      record: { selected: true },
      period: '2026-11',
      file: '抵扣类勾选.csv',
    });
    expect((await store.get(`D${B}`))?.record.selected).toBe(false);
  });

  it('reads a GBK CSV (as Excel saves it) and takes --period', async () => {
    const dir = await tempDir();
    const file = join(dir, 'gx.csv');
    await writeFile(file, encodeGbk(csv([[...DEDUCTION_COLUMNS], deductionRow({ 红字锁定标志: '已锁定' })])));
    const r = await run(['deduction', file, '--period', '2026-10'], {
      DATA_DIR: join(dir, 'data'),
      BOT_LANGUAGE: 'zh',
    });
    expect(r.code).toBe(0);
    expect(r.out).toContain('已导入 1 行勾选数据');
    expect(r.out).toContain('已记录2026年10月所属期的勾选状态。');
    const entry = await (await createFileDeductionStore(join(dir, 'data'))).get(`D${A}`);
    expect(entry).toMatchObject({
      period: '2026-10',
      record: { redLocked: true, sellerName: '上海示例供应链有限公司' },
    });
  });

  it('reads the export as XLSX, with date cells and numeric amounts', async () => {
    const dir = await tempDir();
    const file = join(dir, 'gx.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('抵扣类勾选');
    sheet.addRow([...DEDUCTION_COLUMNS]);
    sheet.addRow(
      deductionRow().map((v, i) =>
        DEDUCTION_COLUMNS[i] === '开票日期'
          ? new Date(Date.UTC(2026, 10, 20, 11, 37, 34))
          : ['金额', '票面税额', '有效抵扣税额'].includes(DEDUCTION_COLUMNS[i] ?? '')
            ? Number(v)
            : v,
      ),
    );
    await workbook.xlsx.writeFile(file);
    const r = await run(['deduction', file], { DATA_DIR: join(dir, 'data') });
    expect(r.out).toContain('Imported 1 deduction rows');
    const entry = await (await createFileDeductionStore(join(dir, 'data'))).get(`D${A}`);
    expect(entry?.record).toMatchObject({ issuedAt: '2026-11-20T11:37:34+08:00', tax: 13000, deductibleTax: 13000 });
  });

  it('refuses a file with one broken row: lists it by row and column, exits 1, and writes nothing', async () => {
    const dir = await tempDir();
    const file = join(dir, 'gx.csv');
    const rows = [
      [...DEDUCTION_COLUMNS],
      deductionRow({ 是否勾选: '是' }),
      deductionRow({ 数电发票号码: B, 是否勾选: '已' }),
    ];
    await writeFile(file, csv(rows));
    const r = await run(['deduction', file], { DATA_DIR: join(dir, 'data') });
    expect(r.code).toBe(1);
    expect(r.out).toContain('Nothing was imported: 1 problem(s) in 2 rows.');
    expect(r.out).toContain('row 3, 是否勾选: must be 是 or 否 (“已”)');
    // The valid row 2 was not stored either, and nothing was backed up.
    const store = await createFileDeductionStore(join(dir, 'data'));
    expect(await store.get(`D${A}`)).toBeUndefined();
    expect(await store.lastImport()).toBeUndefined();
    expect(await readdir(join(dir, 'data'))).not.toContain('backups');
  });

  it('refuses the tax export given as a deduction file, naming the expected header', async () => {
    const dir = await tempDir();
    const file = join(dir, 'gx.csv');
    await writeFile(
      file,
      csv([
        ['序号', '发票代码', '发票号码'],
        ['1', '', ''],
      ]),
    );
    const r = await run(['deduction', file], { DATA_DIR: join(dir, 'data') });
    expect(r.code).toBe(1);
    expect(r.out).toContain('the header row does not have the expected columns');
  });

  it.each([
    [['deduction', 'x.csv', '--from', '2026-11-01'], 'Usage: npm run import'],
    [['deduction', 'x.csv', '--period', '2026-13'], 'Usage: npm run import'],
    [['tax', 'x.csv', '--period', '2026-11'], 'Usage: npm run import'],
  ])('answers %j with the usage', async (argv, text) => {
    const dir = await tempDir();
    const r = await run(argv, { DATA_DIR: join(dir, 'data') });
    expect(r.code).toBe(2);
    expect(r.out).toContain(text);
  });
});
