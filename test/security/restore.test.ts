import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEEP_BACKUPS } from '../../src/store/backups.js';
import { createLowdbInvoiceStore } from '../../src/store/lowdb-invoice-store.js';
import { loadDemoData } from '../helpers/demo-data-dir.js';
import { runBackupCli } from '../helpers/run-backup-cli.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const run = runBackupCli;

const DEMO_COUNTS = { ledger: 20, tax: 17 };

describe('restores that cannot lose data', () => {
  const tempDir = useTempDirs();

  it('restores the oldest of 14 backups without pruning it, and names the safety backup', async () => {
    const dir = await tempDir();
    await loadDemoData(dir);
    for (let i = 0; i < KEEP_BACKUPS; i++)
      await run('backup', [], dir, new Date(Date.UTC(2026, 10, 27, 0, i)).toISOString());
    const oldest = (await readdir(join(dir, 'backups'))).sort()[0] ?? '';
    const restored = await run('restore', [join(dir, 'backups', oldest)], dir, '2026-11-27T08:00:00Z');
    expect(restored.code, restored.out).toBe(0);
    const after = await readdir(join(dir, 'backups'));
    const safety = after.find((b) => b.endsWith('before-restore')) ?? '';
    expect(restored.out).toContain(safety);
    expect(after).toContain(oldest);
    expect(after).toHaveLength(KEEP_BACKUPS);
    expect(await (await createLowdbInvoiceStore(dir)).counts()).toEqual(DEMO_COUNTS);
  });

  it.each([
    ['DATA_DIR itself', (dir: string) => dir],
    ['a folder inside DATA_DIR', (dir: string) => join(dir, 'invoices')],
    ['the backups folder', (dir: string) => join(dir, 'backups')],
  ])('refuses to restore %s and changes nothing', async (_, source) => {
    const dir = await tempDir();
    await loadDemoData(dir);
    const before = (await readdir(dir)).sort();
    const r = await run('restore', [source(dir)], dir);
    expect(r.code).toBe(2);
    expect(r.out).toContain('Nothing was changed');
    expect((await readdir(dir)).sort()).toEqual(before);
    expect(await (await createLowdbInvoiceStore(dir)).counts()).toEqual(DEMO_COUNTS);
  });

  it('leaves the data as it was when the restore fails half-way (a file that cannot be copied)', async () => {
    const dir = await tempDir();
    await loadDemoData(dir);
    const backup = /written to (.*)\.$/.exec((await run('backup', [], dir)).out)?.[1] ?? '';
    // A named pipe cannot be copied: the copy fails after the invoices were already copied aside.
    execFileSync('mkfifo', [join(backup, 'zz-pipe')]);
    const before = (await readdir(dir)).sort();
    const r = await run('restore', [backup], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('the data was left as it was');
    expect((await readdir(dir)).sort()).toEqual(before);
    expect(await (await createLowdbInvoiceStore(dir)).counts()).toEqual(DEMO_COUNTS);
    expect((await readdir(join(dir, 'backups'))).some((b) => b.endsWith('before-restore'))).toBe(false);
  });
});
