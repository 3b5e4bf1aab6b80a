import { fileURLToPath } from 'node:url';
import { catalogFor } from '../i18n/catalog-for.js';
import { systemClock } from '../lib/clocks.js';
import type { Clock } from '../ports.js';
import { type BackupReport, createBackup, RestoreRefusedError, restoreBackup, verifyBackup } from '../store/backups.js';
import { DataLockedError, lockDataDir } from '../store/data-lock.js';
import { loadCliConfig } from './cli-config.js';
import { runPostgresBackup } from './postgres-backup-cli.js';

const describe = (r: BackupReport) =>
  `${r.ledger} ledger, ${r.tax} tax records, ${r.escalations} escalations, ${r.notices} notices, ${r.walkThroughs} walk-throughs, ${r.watches} watches`;

/**
 * `npm run backup` (take one now), `npm run backup -- --verify <backup>` (prove it restores) and
 * `npm run restore -- <backup>` (refused while a bot holds DATA_DIR; the current state is backed up first).
 * With `DATABASE_URL` set, see {@link runPostgresBackup}. Returns the exit code.
 */
export async function runBackup(
  command: 'backup' | 'restore',
  argv: readonly string[],
  env: Record<string, string | undefined>,
  print: (line: string) => void,
  clock: Clock = systemClock,
): Promise<number> {
  const config = loadCliConfig(env, print);
  if (!config) return 2;
  const t = catalogFor(config.language).backup;
  if (config.databaseUrl)
    return runPostgresBackup(command, argv, { ...config, databaseUrl: config.databaseUrl }, print, clock);
  try {
    if (command === 'backup' && argv.length === 0) {
      print(t.created(await createBackup(config.dataDir, 'manual', clock.now())));
      return 0;
    }
    if (command === 'backup' && argv[0] === '--verify' && argv[1]) {
      print(t.verified(argv[1], describe(await verifyBackup(argv[1]))));
      return 0;
    }
    if (command === 'restore' && argv[0]) {
      const release = await lockDataDir(config.dataDir);
      try {
        const { safety } = await restoreBackup(config.dataDir, argv[0], clock.now());
        print(t.restored(argv[0], safety));
      } finally {
        await release();
      }
      return 0;
    }
    print(t.usage);
    return 2;
  } catch (error) {
    if (error instanceof DataLockedError) {
      print(error.message);
      return 2;
    }
    if (error instanceof RestoreRefusedError) {
      print(t.sourceIsDataDir(argv[0] ?? ''));
      return 2;
    }
    print(t.failed(error instanceof Error ? error.message : String(error)));
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const command = process.argv[2] === 'restore' ? 'restore' : 'backup';
  process.exitCode = await runBackup(command, process.argv.slice(3), process.env, (line) => console.log(line));
}
