import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/cli/import.js';
import { verifyBackup } from '../../src/store/backups.js';
import { createLowdbInvoiceStore } from '../../src/store/lowdb-invoice-store.js';
import { createLowdbWatchStore } from '../../src/store/lowdb-watch-store.js';
import { type Crash, countOperations, runUntilCrash, spreadOver, startBotOn } from '../helpers/crash-child.js';
import { LEDGER_COLUMNS, ledgerRow } from '../helpers/rows.js';
import { runBackupCli } from '../helpers/run-backup-cli.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const numbers = Array.from({ length: 30 }, (_, i) => `2611200000000030${String(i).padStart(4, '0')}`);
const ledgerCsv = (note: string) =>
  `${[
    [...LEDGER_COLUMNS],
    ...numbers.map((n, i) =>
      ledgerRow({ digital_number: n, issued_at: `2026-11-${String(1 + (i % 3)).padStart(2, '0')} 09:30:00`, note }),
    ),
  ]
    .map((r) => r.join(','))
    .join('\n')}\n`;

const WATCH = { userId: 'UWATCHER', invoiceKey: `D${numbers[0]}`, createdAt: '2026-11-20' };

/**
 * DATA_DIR holding version B (ledger B, no watch), with a backup (returned, relative to DATA_DIR) that holds version
 * A (ledger A, one watch): two folders, `invoices/` and `state/`, that must come back together.
 */
async function prepare(dataDir: string, scratch: string): Promise<string> {
  for (const version of ['A', 'B']) {
    await writeFile(join(scratch, `ledger-${version}.csv`), ledgerCsv(version));
    expect(await runImport(['ledger', join(scratch, `ledger-${version}.csv`)], { DATA_DIR: dataDir }, () => {})).toBe(
      0,
    );
    const watches = await createLowdbWatchStore(dataDir);
    if (version === 'A') {
      await watches.add(WATCH);
      await runBackupCli('backup', [], dataDir, '2026-11-20T00:00:00Z');
    } else await watches.remove(WATCH);
  }
  const backup = (await readdir(join(dataDir, 'backups'))).find((b) => b.endsWith('manual')) ?? '';
  return join('backups', backup);
}

/** After the bot started again: the data is all A (restored) or all B (as before), and the backup is intact. */
async function startAndCheck(dataDir: string, backup: string): Promise<string> {
  await startBotOn(dataDir);
  const store = await createLowdbInvoiceStore(dataDir);
  const pairs = await Promise.all(numbers.map((number) => store.get({ kind: 'digital', number })));
  const notes = new Set(pairs.map((pair) => pair.ledger?.note));
  expect(notes.size, `mixed or missing data: ${[...notes]}`).toBe(1);
  const version = [...notes][0] as string;
  expect(['A', 'B']).toContain(version);
  const watches = JSON.parse(await readFile(join(dataDir, 'state', 'watches.json'), 'utf8')).watches;
  expect(watches, `ledger ${version} with the other version's watches`).toHaveLength(version === 'A' ? 1 : 0);
  expect((await verifyBackup(join(dataDir, backup))).ledger).toBe(numbers.length);
  expect((await readdir(dataDir)).filter((n) => n.startsWith('.restore'))).toEqual([]);
  return version;
}

const restoreArgs = (backup: string) => (dataDir: string) => ['src/cli/backup.ts', 'restore', join(dataDir, backup)];
const restoreInChild = (dataDir: string, backup: string, crash: Crash) =>
  runUntilCrash(restoreArgs(backup)(dataDir), dataDir, crash);

describe('crash-safe restore', () => {
  const tempDir = useTempDirs();

  it('leaves the data before or after the restore, never half of it, when the restore is killed or loses power', async () => {
    const scratch = await tempDir();
    const template = join(scratch, 'template');
    const backup = await prepare(template, scratch);
    const counted = await countOperations(restoreArgs(backup), template, scratch);
    expect(await startAndCheck(counted.dataDir, backup)).toBe('A');
    const { operations } = counted;
    // Every step of the swap itself (a rename out of or into the live data), killed and cut off, and points spread
    // over the rest in turn.
    const swap = operations.flatMap((op, i) => (/ rename (\.restore-replaced\/)?[^./]+$/.test(op) ? [i + 1] : []));
    expect(swap).toHaveLength(4);
    const modes = ['kill', 'power-dirs', 'power'] as const;
    const points: Array<{ at: number; mode: Crash['mode'] }> = [
      ...swap.flatMap((at) => [
        { at, mode: 'kill' as const },
        { at, mode: 'power-dirs' as const },
      ]),
      ...spreadOver(operations.length, 4).map((at, i) => ({ at, mode: modes[i % modes.length] ?? 'kill' })),
    ];
    const seen: string[] = [];
    for (const [i, { at, mode }] of points.entries()) {
      const dataDir = join(scratch, `run-${i}`);
      await cp(template, dataDir, { recursive: true });
      await restoreInChild(dataDir, backup, { at, mode });
      seen.push(`${mode}@${operations[at - 1]} → ${await startAndCheck(dataDir, backup)}`);
    }
    console.info(`crash-safe restore: ${operations.length} operations\n${seen.join('\n')}`);
    expect(seen.some((s) => s.endsWith('→ B'))).toBe(true);
  }, 240_000);

  it('keeps the restored data when the power fails right after the restore reported it', async () => {
    const scratch = await tempDir();
    const dataDir = join(scratch, 'data');
    const backup = await prepare(dataDir, scratch);
    const out = await restoreInChild(dataDir, backup, { at: 'exit', mode: 'power-dirs' });
    expect(out).toContain('Restored');
    expect(await startAndCheck(dataDir, backup)).toBe('A');
  }, 60_000);

  it('rolls back a restore killed half-way before an import writes, so the import is not undone later', async () => {
    const scratch = await tempDir();
    const dataDir = join(scratch, 'data');
    const backup = await prepare(dataDir, scratch);
    const { operations } = await countOperations(restoreArgs(backup), dataDir, scratch);
    // Killed with the invoices moved aside and the state not yet: the live data has no invoices at all.
    const at = operations.findIndex((op) => op.endsWith(' rename .restore-replaced/state'));
    expect(at).toBeGreaterThan(0);
    await restoreInChild(dataDir, backup, { at: at + 1, mode: 'kill' });
    await writeFile(join(scratch, 'ledger-C.csv'), ledgerCsv('C'));
    expect(await runImport(['ledger', join(scratch, 'ledger-C.csv')], { DATA_DIR: dataDir }, () => {})).toBe(0);
    await startBotOn(dataDir);
    const store = await createLowdbInvoiceStore(dataDir);
    const pairs = await Promise.all(numbers.map((number) => store.get({ kind: 'digital', number })));
    expect(new Set(pairs.map((pair) => pair.ledger?.note))).toEqual(new Set(['C']));
    // The state is B's (the data before the restore), not a mix.
    expect(JSON.parse(await readFile(join(dataDir, 'state', 'watches.json'), 'utf8')).watches).toEqual([]);
    expect((await readdir(dataDir)).filter((n) => n.startsWith('.restore'))).toEqual([]);
  }, 60_000);
});
