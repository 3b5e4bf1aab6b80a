import { spawn } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/cli/import.js';
import { createLowdbInvoiceStore } from '../../src/store/lowdb-invoice-store.js';
import { LEDGER_COLUMNS, ledgerRow } from '../helpers/rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

// 200 invoices over 20 issue days: an import rewrites 20 shards plus coverage, so a kill lands between renames.
const DAYS = 20;
const PER_DAY = 10;
const numbers = Array.from({ length: DAYS * PER_DAY }, (_, i) => `2611200000000010${String(i).padStart(4, '0')}`);

function ledgerCsv(version: string): string {
  const rows = numbers.map((n, i) =>
    ledgerRow({
      digital_number: n,
      issued_at: `2026-11-${String(1 + (i % DAYS)).padStart(2, '0')} 09:30:00`,
      note: version,
    }),
  );
  return `${[[...LEDGER_COLUMNS], ...rows].map((r) => r.join(',')).join('\n')}\n`;
}

// Opening the store is what the bot does at start: it must not throw, and every record carries one version.
async function versionOnDisk(dataDir: string): Promise<string> {
  const store = await createLowdbInvoiceStore(dataDir);
  const pairs = await Promise.all(numbers.map((n) => store.get({ kind: 'digital', number: n })));
  const notes = new Set(pairs.map((pair) => pair.ledger?.note));
  expect(notes.size, `mixed state: ${[...notes].join(', ')}`).toBe(1);
  return [...notes][0] as string;
}

/**
 * Runs `npm run import` in a child process and SIGKILLs it `delayMs` after its backup line (or lets it finish).
 * Resolves with when (ms after the backup line) the first temp shard appeared and when the process ended.
 */
function importAndKill(
  file: string,
  dataDir: string,
  delayMs: number | undefined,
): Promise<{ firstTemp: number; exit: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let firstTemp = 0;
    const watch = setInterval(() => {
      if (firstTemp || !backupAt) return;
      readdir(join(dataDir, 'invoices', 'ledger')).then((names) => {
        if (!firstTemp && names.some((n) => /\.(tmp|next)$/.test(n))) firstTemp = Date.now() - backupAt;
      }, reject);
    }, 1);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', 'ledger', file], {
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let backupAt = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      // The writes start right after the backup: that is the window the kills aim at.
      if (backupAt || !chunk.toString().includes('Backup written')) return;
      backupAt = Date.now();
      if (delayMs !== undefined) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('error', reject);
    child.on('exit', () => {
      clearInterval(watch);
      resolve({ firstTemp, exit: Date.now() - (backupAt || started) });
    });
  });
}

describe('crash-safe writes', () => {
  const tempDir = useTempDirs();

  // 22 child processes each start tsx: on the shared 2-core machine (load ~8) that alone takes 50–60 s.
  it('leaves the old or the new data, never a mix or a corrupt file, when an import is killed 20 times', async () => {
    const dir = await tempDir();
    const dataDir = join(dir, 'data');
    const files = { A: join(dir, 'ledger-a.csv'), B: join(dir, 'ledger-b.csv') };
    await writeFile(files.A, ledgerCsv('A'));
    await writeFile(files.B, ledgerCsv('B'));
    expect(await runImport(['ledger', files.A], { DATA_DIR: dataDir }, () => {})).toBe(0);
    // One import left to finish tells when the write phase starts and ends, so the kills spread over all of it.
    const phase = await importAndKill(files.B, dataDir, undefined);
    let current = await versionOnDisk(dataDir);
    expect(current).toBe('B');
    expect(phase.firstTemp).toBeGreaterThan(0);
    const seen = { old: 0, new: 0, journals: 0 };
    for (let i = 0; i < 20; i++) {
      const next = current === 'A' ? 'B' : 'A';
      await importAndKill(
        files[next],
        dataDir,
        i === 0 ? 0 : Math.round(phase.firstTemp + ((phase.exit - phase.firstTemp) * (i - 1)) / 18),
      );
      const invoices = join(dataDir, 'invoices');
      if ((await readdir(invoices)).some((n) => n.startsWith('journal-'))) seen.journals += 1;
      const after = await versionOnDisk(dataDir);
      expect([current, next]).toContain(after);
      if (after === next) seen.new += 1;
      else seen.old += 1;
      current = after;
    }
    // Kills landed both before and after the import took effect.
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.new).toBeGreaterThan(0);
    console.info(`crash-safe import: ${JSON.stringify(seen)}, write phase ${JSON.stringify(phase)} ms`);
  }, 180_000);
});
