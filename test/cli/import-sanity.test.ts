import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/cli/import.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { LEDGER_COLUMNS, ledgerRow, TAX_COLUMNS, taxRow } from '../helpers/rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const clock = createManualClock(new Date('2026-11-27T07:00:00Z'));
const csv = (rows: string[][]) => `${rows.map((r) => r.join(',')).join('\n')}\n`;

describe('npm run import refuses what is impossible', () => {
  const tempDir = useTempDirs();

  async function run(source: 'ledger' | 'tax', rows: string[][], flags: string[] = [], language = 'en') {
    const dir = await tempDir();
    const file = join(dir, `${source}.csv`);
    await writeFile(file, csv(rows));
    const lines: string[] = [];
    const env = { DATA_DIR: join(dir, 'data'), BOT_LANGUAGE: language };
    const code = await runImport([source, file, ...flags], env, (l) => lines.push(l), clock);
    const written = await readdir(join(dir, 'data', 'invoices', source)).catch(() => []);
    return { code, out: lines.join('\n'), written };
  }

  it('refuses --from after --to, in both languages', async () => {
    const tax = [[...TAX_COLUMNS], taxRow()];
    const en = await run('tax', tax, ['--from', '2026-11-30', '--to', '2026-11-01']);
    expect(en.code).toBe(2);
    expect(en.out).toContain('--from 2026-11-30 is after --to 2026-11-01');
    const zh = await run('tax', tax, ['--from', '2026-11-30', '--to', '2026-11-01'], 'zh');
    expect(zh.out).toContain('--from 2026-11-30 晚于 --to 2026-11-01');
    // Days written differently compare as days, not as text ('2026-11-30' sorts before '20261101').
    const mixed = await run('tax', tax, ['--from', '2026-11-30', '--to', '20261101']);
    expect(mixed.code).toBe(2);
    expect(mixed.out).toContain('--from 2026-11-30 is after --to 20261101');
    expect(mixed.written).toEqual([]);
  });

  it('reads --from/--to written as YYYYMMDD as the days they name', async () => {
    const r = await run('tax', [[...TAX_COLUMNS], taxRow()], ['--from', '20261101', '--to', '2026-11-30']);
    expect(r.out).not.toContain('is after');
    expect(r.out).not.toContain('outside the --from/--to range');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2026-11-01');
  });

  it('refuses a declared coverage that leaves out a row’s issue date, naming the row, in both languages', async () => {
    const rows = [[...TAX_COLUMNS], taxRow()];
    const r = await run('tax', rows, ['--from', '2026-11-11', '--to', '2026-11-26']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('row 2, 开票日期: the issue date is outside the --from/--to range declared for this file');
    expect(r.written).toEqual([]);
    const zh = await run('tax', rows, ['--from', '2026-11-11', '--to', '2026-11-26'], 'zh');
    expect(zh.code).toBe(1);
    expect(zh.out).toContain('第 2 行，开票日期：开票日期不在为该文件声明的 --from/--to 范围内');
    expect(zh.written).toEqual([]);
  });

  it('refuses an issue date more than a day in the future, in both languages', async () => {
    const rows = [[...LEDGER_COLUMNS], ledgerRow({ issued_at: '2026-11-29 09:00:00' })];
    const en = await run('ledger', rows);
    expect(en.code).toBe(1);
    expect(en.out).toContain('row 2, issued_at: the issue date is more than a day in the future');
    expect((await run('ledger', rows, [], 'zh')).out).toContain('开票日期比现在晚一天以上');
    expect((await run('ledger', [[...LEDGER_COLUMNS], ledgerRow({ issued_at: '2026-11-28 09:00:00' })])).code).toBe(0);
  });

  it('refuses an amount whose sign contradicts 是否正数发票', async () => {
    const negative = taxRow({ 金额: '-5000.00', 税额: '-300.00', 价税合计: '-5300.00' });
    const r = await run('tax', [[...TAX_COLUMNS], negative]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('row 2, 是否正数发票: the amount’s sign contradicts 是否正数发票');
    const positiveRed = taxRow({ 是否正数发票: '否' });
    expect((await run('tax', [[...TAX_COLUMNS], positiveRed], [], 'zh')).out).toContain(
      '金额的正负与「是否正数发票」矛盾',
    );
  });
});
