import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Catalog } from '../i18n/catalog.js';
import { catalogFor } from '../i18n/catalog-for.js';
import type { Clock } from '../ports.js';
import { verifyBackup } from '../store/backups.js';
import {
  countDumpTables,
  createPostgresBackup,
  dumpFileName,
  type PostgresBackup,
} from '../store/postgres/postgres-backup.js';

/** What a PostgreSQL-mode backup says it did: with the dump, or without it and why. */
export function describePostgresBackup(t: Catalog['backup'], backup: PostgresBackup): string {
  return backup.dump
    ? t.createdPostgres(backup.folder, backup.dump)
    : t.createdWithoutDatabase(backup.folder, backup.missing ?? '');
}

/**
 * `npm run backup|restore` with `DATABASE_URL` set: a backup is DATA_DIR's files plus a `pg_dump` of the bot's
 * schema; `--verify` also reads the dump back (`pg_restore --list`); a restore is refused with the steps to do it
 * by hand, because replacing the database under running replicas would lose what they write meanwhile.
 */
export async function runPostgresBackup(
  command: 'backup' | 'restore',
  argv: readonly string[],
  config: Config & { databaseUrl: string },
  print: (line: string) => void,
  clock: Clock,
): Promise<number> {
  const t = catalogFor(config.language).backup;
  const dumpName = dumpFileName(config.databaseSchema);
  try {
    if (command === 'restore') {
      print(t.restorePostgres(dumpName));
      return 2;
    }
    if (argv.length === 0) {
      const target = { url: config.databaseUrl, schema: config.databaseSchema };
      const backup = await createPostgresBackup(config.dataDir, target, 'manual', clock.now());
      print(describePostgresBackup(t, backup));
      return backup.dump ? 0 : 1;
    }
    if (argv[0] === '--verify' && argv[1]) {
      const folder = argv[1];
      // The files part must open as the bot would open it (throws, naming the file, if not).
      await verifyBackup(folder);
      const dump = join(folder, dumpName);
      const present = await access(dump).then(
        () => true,
        () => false,
      );
      print(t.verifiedDump(folder, present ? dump : undefined, present ? await countDumpTables(dump) : 0));
      return present ? 0 : 1;
    }
    print(t.usage);
    return 2;
  } catch (error) {
    print(t.failed(error instanceof Error ? error.message : String(error)));
    return 1;
  }
}
