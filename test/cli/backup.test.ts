import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEEP_BACKUPS } from '../../src/store/backups.js';
import { lockDataDir } from '../../src/store/data-lock.js';
import { createLowdbInvoiceStore } from '../../src/store/lowdb-invoice-store.js';
import { loadDemoData } from '../helpers/demo-data-dir.js';
import { runBackupCli } from '../helpers/run-backup-cli.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const run = runBackupCli;

describe('backup and restore', () => {
  const tempDir = useTempDirs();

  it('backs up, survives corruption, restores, and verifies — keeping the pre-restore state', async () => {
    const dir = await tempDir();
    await loadDemoData(dir);
    const made = await run('backup', [], dir);
    expect(made.code).toBe(0);
    const backup = /written to (.*)\.$/.exec(made.out)?.[1] ?? '';
    expect(await run('backup', ['--verify', backup], dir)).toMatchObject({
      code: 0,
      out: expect.stringContaining('20 ledger, 17 tax records'),
    });
    // Corrupt a shard: the bot would refuse to start.
    const shard = join(dir, 'invoices', 'tax', '2026-11-10.json');
    await writeFile(shard, '{"records": [');
    await expect(createLowdbInvoiceStore(dir)).rejects.toThrow(/2026-11-10.json/);
    const restored = await run('restore', [backup], dir, '2026-11-27T08:00:00Z');
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('The state before the restore was saved to');
    expect(await (await createLowdbInvoiceStore(dir)).counts()).toEqual({ ledger: 20, tax: 17 });
    const before = (await readdir(join(dir, 'backups'))).find((b) => b.endsWith('before-restore')) ?? '';
    expect(await readFile(join(dir, 'backups', before, 'invoices', 'tax', '2026-11-10.json'), 'utf8')).toBe(
      '{"records": [',
    );
  });

  it('refuses to verify or restore a broken backup, naming the file', async () => {
    const dir = await tempDir();
    await loadDemoData(dir);
    const backup = /written to (.*)\.$/.exec((await run('backup', [], dir)).out)?.[1] ?? '';
    await writeFile(join(backup, 'invoices', 'ledger', '2026-11-10.json'), 'not json');
    const verify = await run('backup', ['--verify', backup], dir);
    expect(verify.code).toBe(1);
    expect(verify.out).toContain('2026-11-10.json');
    expect((await run('restore', [backup], dir)).code).toBe(1);
    expect(await (await createLowdbInvoiceStore(dir)).counts()).toEqual({ ledger: 20, tax: 17 });
  });

  // Every file a restore puts back that the bot reads at start: a backup that verifies is one the bot starts on.
  it.each([
    ['state/questions.jsonl', 'not json\n{"type":"missing","at":"2026-11-27T01:00:00.000Z","count":1}\n'],
    ['state/greeted.json', 'not json'],
    ['state/schedule.json', '{"lastRuns": '],
    ['state/dedupe.jsonl', 'not json\n{"k":"Ev0001","t":1795000000000}\n'],
    ['deductions/selections.json', '{"entries": ['],
    ['settings.json', '{"digitalSyncMinutes": "soon"}'],
    ['checklist.json', '{"steps": 3}'],
    ['workdays.json', 'not json'],
    ['filing-calendar.json', '{"years": {"2027": {"deadlines": ["someday"]}}}'],
  ])('refuses a backup whose %s is damaged, naming it in the backup and why', async (file, text) => {
    const dir = await tempDir();
    await loadDemoData(dir);
    const backup = /written to (.*)\.$/.exec((await run('backup', [], dir)).out)?.[1] ?? '';
    await mkdir(dirname(join(backup, file)), { recursive: true });
    await writeFile(join(backup, file), text);
    const verify = await run('backup', ['--verify', backup], dir);
    expect(verify.code).toBe(1);
    expect(verify.out).toContain(join(backup, file));
    expect(verify.out).toMatch(/is corrupt \(.+\)/);
    expect(verify.out).not.toContain('invoice-desk-verify-');
    expect((await run('restore', [backup], dir)).code).toBe(1);
  });

  it('refuses to restore while a bot holds DATA_DIR', async () => {
    const dir = await tempDir();
    await loadDemoData(dir);
    const backup = /written to (.*)\.$/.exec((await run('backup', [], dir)).out)?.[1] ?? '';
    const release = await lockDataDir(dir);
    await writeFile(join(dir, '.lock'), '1');
    const r = await run('restore', [backup], dir);
    await release();
    expect(r.code).toBe(2);
    expect(r.out).toContain('in use by another Invoice Desk process');
  });

  it('keeps only the newest backups', async () => {
    const dir = await tempDir();
    await loadDemoData(dir);
    for (let i = 0; i < KEEP_BACKUPS + 3; i++)
      await run('backup', [], dir, new Date(Date.UTC(2026, 10, 27, 0, i)).toISOString());
    const kept = await readdir(join(dir, 'backups'));
    expect(kept).toHaveLength(KEEP_BACKUPS);
    expect(kept.sort()[0]).toContain('2026-11-27T00-03');
  });

  it('explains its usage', async () => {
    expect((await run('restore', [], await tempDir())).out).toContain('npm run restore');
  });
});
