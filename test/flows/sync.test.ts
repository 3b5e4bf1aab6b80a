import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { StoreBusyError } from '../../src/lib/store-busy-error.js';
import { createFileInbox } from '../../src/store/file-inbox.js';
import { createMemoryWatchStore } from '../../src/store/memory-state-stores.js';
import { choicesOf, demoConversation, demoPorts, lead, textOf } from '../helpers/demo-conversation.js';
import { encodeGbk } from '../helpers/gbk.js';
import { createMemoryInbox } from '../helpers/memory-inbox.js';
import { demoTaxUpdate, TAX_COLUMNS, taxRow } from '../helpers/rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const employee = { userId: 'UDEMOEMP', role: 'employee' as const };

const exportRows = demoTaxUpdate;

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
    expect((await ports.store.get({ kind: 'digital', number: '26112000000000100001' })).tax?.statusLabel).toBe('正常');
    const coverage = (await ports.store.coverage()).length;
    inbox.drop('export.csv', 'tax', exportRows());
    await conversation.receive(lead, { kind: 'text', text: 'sync 专用' }, 'dm');
    expect(await ports.store.coverage()).toHaveLength(coverage);
    expect(textOf(await conversation.receive(lead, { kind: 'text', text: 'sync 1130.00' }, 'dm'))).toContain(
      'Usage: `/invoice sync',
    );
  });

  it('refuses a range whose end is before its start, naming it in either language, and syncs nothing', async () => {
    const inbox = createMemoryInbox();
    const ports = await demoPorts({ inbox });
    const conversation = await demoConversation(ports);
    inbox.drop('export.csv', 'tax', exportRows());
    const coverage = await ports.store.coverage();
    const before = await ports.store.get({ kind: 'digital', number: '26112000000000100008' });
    const en = textOf(await conversation.receive(lead, { kind: 'text', text: 'sync 2026-11-30..2026-11-01' }, 'dm'));
    expect(en).toBe(
      'The range “2026-11-30..2026-11-01” ends before it starts: put the earlier day first, e.g. “2026-11-01..2026-11-30”. Nothing was synced; the inbox is as it was.',
    );
    const zh = textOf(
      await conversation.receive(lead, { kind: 'text', text: '同步 2026年11月30日至2026年11月1日' }, 'dm'),
    );
    expect(zh).toContain('日期范围「2026年11月30日..2026年11月1日」的结束早于开始');
    expect(zh).toContain('未同步任何数据，收件箱保持原样。');
    expect((await inbox.files()).map((f) => f.name)).toEqual(['export.csv']);
    expect(inbox.doneFiles).toEqual([]);
    expect(await ports.store.coverage()).toEqual(coverage);
    expect(await ports.store.get({ kind: 'digital', number: '26112000000000100008' })).toEqual(before);
    expect(
      textOf(await conversation.receive(lead, { kind: 'text', text: 'sync 2026-11-31..2026-12-01' }, 'dm')),
    ).toContain('“2026-11-31” is not a date');
    expect(inbox.doneFiles).toEqual([]);
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

  it('moves a file with an invalid row to the rejected folder with its problems, and still syncs the rest', async () => {
    const inbox = createMemoryInbox();
    let backups = 0;
    const ports = await demoPorts({ inbox, backup: async () => `b${++backups}` });
    inbox.drop('export.csv', 'tax', exportRows());
    inbox.drop('export-2.csv', 'tax', [[...TAX_COLUMNS], taxRow({ 价税合计: '1.00' })]);
    const conversation = await demoConversation(ports);
    const reply = textOf(await conversation.receive(lead, { kind: 'text', text: 'sync' }, 'dm'));
    expect(reply).toContain('export.csv: 3 rows, 2 new, 1 changed');
    expect(reply).toContain(
      '⚠️ export-2.csv was not synced (1 problem(s)). It was moved to inbox/rejected/export-2.csv; the list is in inbox/rejected/export-2.csv.problems.txt',
    );
    expect(reply).toContain('row 2, 价税合计');
    expect(inbox.rejectedFiles).toEqual([
      { name: 'export-2.csv', problems: expect.stringContaining('row 2, 价税合计') },
    ]);
    expect(backups).toBe(1);
    expect((await ports.store.get({ kind: 'digital', number: '26112000000000100008' })).tax).toBeDefined();
    expect(inbox.doneFiles).toEqual(['export.csv']);
    // The next sync is not blocked by the bad file.
    inbox.drop('export-3.csv', 'tax', exportRows());
    expect(textOf(await conversation.receive(lead, { kind: 'text', text: 'sync' }, 'dm'))).toContain(
      'export-3.csv: 3 rows, 0 new, 0 changed',
    );
  });

  it('names why a file cannot be read at all, and imports a GBK export saved by Excel as if it were UTF-8', async () => {
    const dir = await tempDir();
    const inbox = await createFileInbox(dir);
    const csv = (rows: string[][]) => `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
    const gbk = csv(exportRows());
    await writeFile(join(dir, 'inbox', 'export-gbk.csv'), encodeGbk(gbk));
    await writeFile(join(dir, 'inbox', 'quote.csv'), `${csv([[...TAX_COLUMNS], taxRow()])}1,"unclosed\r\n`);
    await writeFile(join(dir, 'inbox', 'fake.xlsx'), '<html>not a workbook</html>');
    await writeFile(join(dir, 'inbox', 'utf16.csv'), Buffer.from(`\ufeff${csv(exportRows())}`, 'utf16le'));
    const ports = await demoPorts({ inbox });
    const text = textOf(await (await demoConversation(ports)).receive(lead, { kind: 'text', text: 'sync' }, 'dm'));
    expect(text).toContain('export-gbk.csv: 3 rows, 2 new, 1 changed');
    expect((await ports.store.get({ kind: 'digital', number: '26112000000000100001' })).tax?.statusLabel).toBe(
      '已红冲',
    );
    expect(text).toContain('A quoted cell is never closed (row 3)');
    expect(text).toContain('It is not an Excel workbook (.xlsx)');
    expect(text).toContain('It is not a text file in UTF-8 or GBK/GB18030');
    expect(text).not.toContain('went wrong');
    expect(await readdir(join(dir, 'inbox'))).toEqual(['done', 'rejected']);
    const rejected = await readdir(join(dir, 'inbox', 'rejected'));
    expect(rejected).toHaveLength(6);
    const list = rejected.find((n) => n.endsWith('quote.csv.problems.txt')) ?? '';
    expect(await readFile(join(dir, 'inbox', 'rejected', list), 'utf8')).toMatch(
      /^Problems found in quote\.csv \(sync at .*\)\. Nothing from this file was imported\.\nA quoted cell is never closed \(row 3\)/,
    );
  });

  it('runs one sync at a time: a second one is told who started the first and when', async () => {
    const inbox = createMemoryInbox();
    let release = () => {};
    let started = () => {};
    const backupStarted = new Promise<void>((resolve) => (started = resolve));
    const ports = await demoPorts({
      inbox,
      // The first sync holds here, after validating, until the test lets it go on.
      backup: () => {
        started();
        return new Promise<string>((resolve) => (release = () => resolve('b1')));
      },
    });
    inbox.drop('export.csv', 'tax', exportRows());
    const conversation = await demoConversation(ports);
    const first = conversation.receive(lead, { kind: 'text', text: 'sync' }, 'dm');
    await backupStarted;
    const second = textOf(
      await conversation.receive({ userId: 'UFIN2', role: 'finance' }, { kind: 'text', text: 'sync' }, 'dm'),
    );
    expect(second).toContain(`A sync started by @{${lead.userId}} at 2026-11-27 15:00 is still running`);
    release();
    expect(textOf(await first)).toContain('export.csv: 3 rows, 2 new, 1 changed');
    expect(textOf(await conversation.receive(lead, { kind: 'text', text: 'sync' }, 'dm'))).toContain('Nothing to sync');
  });

  it('says the database was kept busy, in either language, when the store rolled an import back, and leaves the file in the inbox', async () => {
    const inbox = createMemoryInbox();
    const ports = await demoPorts({ inbox });
    // The store as the PostgreSQL one answers while another session keeps reading its invoices (a pg_dump).
    const real = ports.store;
    const store = new Proxy(real, {
      get(target, name) {
        if (typeof name === 'string' && name.startsWith('import'))
          return async () => {
            throw new StoreBusyError('kept busy');
          };
        const value = Reflect.get(target, name);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    inbox.drop('export.csv', 'tax', exportRows());
    const conversation = await demoConversation({ ...ports, store });
    expect(textOf(await conversation.receive(lead, { kind: 'text', text: 'sync' }, 'dm'))).toContain(
      'another session kept the invoice database busy',
    );
    // Not left marked as running, and the file is still there to sync.
    expect(textOf(await conversation.receive(lead, { kind: 'text', text: '同步' }, 'dm'))).toContain(
      '另一个会话（例如备份或耗时较长的报表）一直占用发票数据库',
    );
    expect(await real.counts()).toEqual(await (await demoPorts()).store.counts());
  });

  it('gives the event loop back while it reads back and diagnoses what it imported', async () => {
    const inbox = createMemoryInbox();
    const ports = await demoPorts({ inbox });
    // Which turn of the event loop each read after the import ran in: a ticker counts the turns.
    let turn = 0;
    let imported = false;
    const turnsOfReads = new Set<number>();
    const real = ports.store;
    const store = new Proxy(real, {
      get(target, name) {
        const value = Reflect.get(target, name);
        if (typeof value !== 'function') return value;
        if (typeof name === 'string' && name.startsWith('import'))
          return async (...args: unknown[]) => {
            const result = await value.apply(target, args);
            imported = true;
            return result;
          };
        if (name === 'get')
          return (...args: unknown[]) => {
            if (imported) turnsOfReads.add(turn);
            return value.apply(target, args);
          };
        return value.bind(target);
      },
    });
    // 200 invoices, and a clock on which every reading says 10 ms have passed: a slice ends every 64 rows.
    const rows = Array.from({ length: 200 }, (_, k) =>
      taxRow({ 数电发票号码: `2611200000000020${String(k).padStart(4, '0')}`, 开票日期: '2026-11-20 10:00:00' }),
    );
    inbox.drop('export.csv', 'tax', [[...TAX_COLUMNS], ...rows]);
    let ms = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (ms += 10));
    // One tick per turn of the loop: an immediate that queues the next one.
    let ticker = setImmediate(function tick() {
      turn += 1;
      ticker = setImmediate(tick);
    });
    try {
      const conversation = await demoConversation({ ...ports, store });
      expect(textOf(await conversation.receive(lead, { kind: 'text', text: 'sync' }, 'dm'))).toContain(
        'export.csv: 200 rows, 200 new',
      );
    } finally {
      clearImmediate(ticker);
      vi.restoreAllMocks();
    }
    // 200 reads back, in at least three turns: not one long turn that holds every other request.
    expect(turnsOfReads.size).toBeGreaterThanOrEqual(3);
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
    expect((await ports.watches.list()).map((w) => w.invoiceKey)).toEqual(['D26112000000000100006']);
    expect(inbox.doneFiles).toEqual(['export.csv']);
    // The same file again: nothing new, nobody told twice.
    inbox.drop('export.csv', 'tax', exportRows());
    const again = textOf(await conversation.receive(lead, { kind: 'text', text: 'sync' }, 'dm'));
    expect(again).not.toContain('Now visible');
    expect(ports.notifier.sent).toHaveLength(1);
  });

  it('reports an invoice two files of one sync touched once', async () => {
    const inbox = createMemoryInbox();
    const ports = await demoPorts({ inbox });
    inbox.drop('a.csv', 'tax', exportRows());
    // The second file changes 26112000000000100008 again (its drawer), not its status: still newly visible, once.
    const [header = [], again = []] = exportRows();
    inbox.drop('b.csv', 'tax', [header, again.map((cell, i) => (TAX_COLUMNS[i] === '开票人' ? '王五' : cell))]);
    const text = textOf(await (await demoConversation(ports)).receive(lead, { kind: 'text', text: 'sync' }, 'dm'));
    expect(text).toContain('Synced 2 file(s), 4 rows.');
    expect(text).toMatch(/Now visible in the tax data \(2\):\n26112000000000100008\n26112000000000100009\n/);
    expect(text).toContain('Changed state (1):\n26112000000000100001 — 正常 → 已红冲');
  });

  it('tells a watcher nothing when another replica fulfilled the watch first', async () => {
    const inbox = createMemoryInbox();
    const shared = createMemoryWatchStore();
    const watch = { userId: 'UDEMOEMP', invoiceKey: 'D26112000000000100008', createdAt: '2026-11-27T06:00:00Z' };
    await shared.add(watch);
    // Another replica's sync removes the watch between this one's list and its remove.
    const raced = {
      ...shared,
      list: async () => [...(await shared.list()), ...((await shared.remove(watch)) ? [watch] : [])],
    };
    const ports = await demoPorts({ inbox, watches: raced });
    inbox.drop('export.csv', 'tax', exportRows());
    const text = textOf(await (await demoConversation(ports)).receive(lead, { kind: 'text', text: 'sync' }, 'dm'));
    expect(text).toContain('Now visible in the tax data (2)');
    expect(ports.notifier.sent).toEqual([]);
  });
});
