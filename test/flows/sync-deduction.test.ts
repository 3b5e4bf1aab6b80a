import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/flows/reply.js';
import { createFileInbox } from '../../src/store/file-inbox.js';
import { demoConversation, demoPorts, lead, textOf } from '../helpers/demo-conversation.js';
import { encodeGbk } from '../helpers/gbk.js';
import { createMemoryInbox } from '../helpers/memory-inbox.js';
import { DEDUCTION_COLUMNS, deductionRow, demoTaxUpdate, LEDGER_COLUMNS, ledgerRow } from '../helpers/rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const csv = (rows: string[][]) => `${rows.map((r) => r.join(',')).join('\n')}\n`;
// The Beijing entity's own not-selected demo invoice, now selected in the platform: the row the new export brings.
const NOT_SELECTED = '26112000000000100020';
const selectedNow = () =>
  deductionRow({
    是否勾选: '是',
    数电发票号码: NOT_SELECTED,
    开票日期: '2026-11-24 10:30:00',
    金额: '2000.00',
    票面税额: '260.00',
    有效抵扣税额: '260.00',
    购买方识别号: '91110105MA01ABCD5F',
  });
function cardFields(replies: Reply[]): string {
  return replies
    .flatMap((r) => (r.kind === 'invoice' ? r.card.fields.map((f) => `${f.label}: ${f.value}`) : []))
    .join('\n');
}

describe('deduction-selection exports in the sync inbox', () => {
  const tempDir = useTempDirs();

  it('syncs a deduction export among a ledger and a tax file, told apart by its header whatever its name', async () => {
    const dir = await tempDir();
    const inbox = await createFileInbox(dir);
    await writeFile(join(dir, 'inbox', 'ledger.csv'), csv([[...LEDGER_COLUMNS], ledgerRow()]));
    await writeFile(join(dir, 'inbox', 'export.csv'), csv(demoTaxUpdate()));
    // Named like nothing in particular, and saved by Excel in GBK: the header says what it is.
    await writeFile(join(dir, 'inbox', 'list-2026-11.csv'), encodeGbk(csv([[...DEDUCTION_COLUMNS], selectedNow()])));
    const ports = await demoPorts({ inbox });
    const conversation = await demoConversation(ports);
    const reply = textOf(await conversation.receive(lead, { kind: 'text', text: 'sync' }, 'dm'));
    expect(reply).toContain('Synced 3 file(s)');
    expect(reply).toContain(
      '• list-2026-11.csv: 1 rows, 0 new, 1 changed Deduction selections recorded for the November 2026 period.',
    );
    expect(reply).toContain('• export.csv: 3 rows, 2 new, 1 changed');
    expect(reply).toContain('• ledger.csv: 1 rows');
    // The deduction row touched no invoice record: its invoice is not reported as newly visible.
    expect(reply).toMatch(/Now visible in the tax data \(2\):\n2611200000000010000[89]\n2611200000000010000[89]\n/);
    expect(reply).not.toContain(NOT_SELECTED);
    expect(await readdir(join(dir, 'inbox'))).toEqual(['done']);
    expect((await ports.deductions.get(`D${NOT_SELECTED}`))?.record.selected).toBe(true);
    const card = cardFields(await conversation.receive(lead, { kind: 'text', text: NOT_SELECTED }, 'dm'));
    expect(card).toContain(
      'Deduction (勾选): Selected for deduction (已勾选) in the November 2026 period; deductible tax ¥260.00',
    );
  });

  it('a deduction file with a broken row is moved aside with its row numbers; the other files still sync', async () => {
    const inbox = createMemoryInbox();
    const ports = await demoPorts({ inbox });
    const conversation = await demoConversation(ports);
    inbox.drop('export.csv', 'tax', demoTaxUpdate());
    inbox.drop('抵扣类勾选.csv', 'deduction', [
      [...DEDUCTION_COLUMNS],
      selectedNow(),
      deductionRow({ 数电发票号码: '26112000000000100011', 红字锁定标志: '待确认' }),
    ]);
    const reply = textOf(await conversation.receive(lead, { kind: 'text', text: 'sync' }, 'dm'));
    expect(reply).toContain('• export.csv: 3 rows, 2 new, 1 changed');
    expect(reply).toContain('⚠️ 抵扣类勾选.csv was not synced (1 problem(s)).');
    expect(reply).toContain('row 3, 红字锁定标志: must be 已锁定 or 未锁定 (or empty) (“待确认”)');
    expect(inbox.rejectedFiles.map((f) => f.name)).toEqual(['抵扣类勾选.csv']);
    // All or nothing: the valid row 2 was not stored either.
    expect((await ports.deductions.get(`D${NOT_SELECTED}`))?.record.selected).toBe(false);
  });

  it('a deduction export dropped under a tax-looking name is still read as one', async () => {
    const inbox = createMemoryInbox();
    const ports = await demoPorts({ inbox });
    inbox.drop('发票基础信息.csv', 'tax', [[...DEDUCTION_COLUMNS], selectedNow()]);
    const reply = textOf(await (await demoConversation(ports)).receive(lead, { kind: 'text', text: 'sync' }, 'dm'));
    expect(reply).toContain('Deduction selections recorded for the November 2026 period.');
    expect((await ports.deductions.lastImport())?.file).toBe('发票基础信息.csv');
  });
});
