import { runBackup } from '../../src/cli/backup.js';
import { createManualClock } from '../../src/lib/clocks.js';

/** Runs `npm run backup|restore` in-process on `dataDir` at a fixed moment; returns its exit code and printed lines. */
export async function runBackupCli(
  command: 'backup' | 'restore',
  argv: string[],
  dataDir: string,
  at = '2026-11-27T07:00:00Z',
): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runBackup(
    command,
    argv,
    { DATA_DIR: dataDir },
    (l) => lines.push(l),
    createManualClock(new Date(at)),
  );
  return { code, out: lines.join('\n') };
}
