import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createFileInbox } from '../../src/store/file-inbox.js';
import { choicesOf, demoConversation, demoPorts, lead, textOf } from '../helpers/demo-conversation.js';
import { createMemoryInbox } from '../helpers/memory-inbox.js';
import { TAX_COLUMNS, taxRow } from '../helpers/rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const employee = { userId: 'UDEMOEMP', role: 'employee' as const };

// Tax rows for demo invoices that were missing: 100008 (sync window), 100009 (not synced yet) and a state change
// of 100001 (正常 → 已红冲).
function exportRows() {
  return [
    [...TAX_COLUMNS],
    taxRow({
      数电发票号码: '26112000000000100008',
      开票日期: '2026-11-27 14:30:00',
      金额: '2000.00',
      税额: '120.00',
      价税合计: '2120.00',
    }),
    taxRow({
      数电发票号码: '26112000000000100009',
      开票日期: '2026-11-27 11:00:00',
      金额: '3000.00',
      税额: '180.00',
      价税合计: '3180.00',
    }),
    taxRow({ 数电发票号码: '26112000000000100001', 发票状态: '已红冲' }),
  ];
}

describe('sync from the inbox', () => {
  const tempDir = useTempDirs();

  it('is for finance and admins only', async () => {
    const conversation = await demoConversation(await demoPorts());
    expect(textOf(await conversation.receive(employee, { kind: 'text', text: 'sync' }, 'dm'))).toContain(
      'only finance leads and admins',
    );
  });

  it('says where to drop files when the inbox is empty', async () => {
    const conversation = await demoConversation(await demoPorts());
    expect(textOf(await conversation.receive(lead, { kind: 'text', text: '同步' }, 'dm'))).toContain('DATA_DIR/inbox');
  });

  it('limits a sync to an issue-date range or an invoice type; a type-limited sync claims no coverage', async () => {
    const inbox = createMemoryInbox();
    const ports = await demoPorts({ inbox });
    const conversation = await demoConversation(ports);
    inbox.drop('export.csv', 'tax', exportRows());
    const ranged = textOf(
      await conversation.receive(lead, { kind: 'text', text: 'sync 2026-11-27..2026-11-27' }, 'dm'),
    );
    expect(ranged).toContain('Now visible in the tax data (2)');
    expect(ports.store.get({ kind: 'digital', number: '26112000000000100001' }).tax?.statusLabel).toBe('正常');
    const coverage = ports.store.coverage().length;
    inbox.drop('export.csv', 'tax', exportRows());
    await conversation.receive(lead, { kind: 'text', text: 'sync 专用' }, 'dm');
    expect(ports.store.coverage()).toHaveLength(coverage);
    expect(textOf(await conversation.receive(lead, { kind: 'text', text: 'sync 1130.00' }, 'dm'))).toContain(
      'Usage: `/invoice sync',
    );
  });

  it('syncs the e-tax export as XLSX from a real inbox folder, and moves it aside', async () => {
    const dir = await tempDir();
    const inbox = await createFileInbox(dir);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('发票基础信息');
    for (const row of exportRows()) sheet.addRow(row);
    await workbook.xlsx.writeFile(join(dir, 'inbox', '发票基础信息.xlsx'));
    const ports = await demoPorts({ inbox });
    const text = textOf(await (await demoConversation(ports)).receive(lead, { kind: 'text', text: 'sync' }, 'dm'));
    expect(text).toContain('发票基础信息.xlsx: 3 rows, 2 new, 1 changed');
    expect(await readdir(join(dir, 'inbox'))).toEqual(['done']);
    expect((await readdir(join(dir, 'inbox', 'done')))[0]).toMatch(/发票基础信息\.xlsx$/);
  });

  it('writes nothing and takes no backup when any row of any file is invalid', async () => {
    const inbox = createMemoryInbox();
    let backups = 0;
    const ports = await demoPorts({ inbox, backup: async () => `b${++backups}` });
    inbox.drop('export.csv', 'tax', exportRows());
    inbox.drop('export-2.csv', 'tax', [[...TAX_COLUMNS], taxRow({ 价税合计: '1.00' })]);
    const conversation = await demoConversation(ports);
    const reply = textOf(await conversation.receive(lead, { kind: 'text', text: 'sync' }, 'dm'));
    expect(reply).toContain('Nothing was synced: export-2.csv has 1 problem(s)');
    expect(reply).toContain('row 2, 价税合计');
    expect(backups).toBe(0);
    expect(ports.store.get({ kind: 'digital', number: '26112000000000100008' }).tax).toBeUndefined();
    expect(inbox.doneFiles).toEqual([]);
  });

  it('backs up first, imports, reports what appeared, changed, is still missing and disagrees, and tells watchers once', async () => {
    const inbox = createMemoryInbox();
    const order: string[] = [];
    const ports = await demoPorts({
      inbox,
      backup: async () => {
        order.push('backup');
        return 'backups/2026-11-27-before-sync';
      },
    });
    await ports.watches.add({
      userId: 'UDEMOEMP',
      invoiceKey: 'D26112000000000100008',
      createdAt: '2026-11-27T06:00:00Z',
    });
    await ports.watches.add({
      userId: 'UOTHER',
      invoiceKey: 'D26112000000000100006',
      createdAt: '2026-11-27T06:00:00Z',
    });
    inbox.drop('export.csv', 'tax', exportRows());
    const conversation = await demoConversation(ports);
    const replies = await conversation.receive(lead, { kind: 'text', text: 'sync' }, 'dm');
    const text = textOf(replies);
    expect(order).toEqual(['backup']);
    expect(text).toContain('Synced 1 file(s), 3 rows. A backup was taken first: backups/2026-11-27-before-sync');
    expect(text).toMatch(/Now visible in the tax data \(2\):\n26112000000000100008\n26112000000000100009/);
    expect(text).toContain('Changed state (1):\n26112000000000100001 — 正常 → 已红冲');
    expect(text).toContain('Still missing beyond their window (1):\n26112000000000100010');
    expect(text).toContain('Ledger and tax data disagree (2)');
    expect(text).toContain('1 person(s) waiting for these invoices were told.');
    expect(choicesOf(replies).some((c) => c.id === 'lookup:D26112000000000100008')).toBe(true);
    expect(ports.notifier.sent).toEqual([
      expect.objectContaining({
        kind: 'direct',
        to: 'UDEMOEMP',
        text: '26112000000000100008 now appears in the tax data with status “正常”.',
      }),
    ]);
    expect(ports.watches.list().map((w) => w.invoiceKey)).toEqual(['D26112000000000100006']);
    expect(inbox.doneFiles).toEqual(['export.csv']);
    // The same file again: nothing new, nobody told twice.
    inbox.drop('export.csv', 'tax', exportRows());
    const again = textOf(await conversation.receive(lead, { kind: 'text', text: 'sync' }, 'dm'));
    expect(again).not.toContain('Now visible');
    expect(ports.notifier.sent).toHaveLength(1);
  });
});
