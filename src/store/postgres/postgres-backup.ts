import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createBackup } from '../backups.js';
import type { PgTarget } from './create-pg-pool.js';
import { dumpSchema, runPgTool } from './dump-schema.js';

/** The name of the database dump inside a backup folder. */
export function dumpFileName(schema: string): string {
  return `postgres-${schema}.dump`;
}

/** The note left in a backup folder whose database could not be dumped. */
export const NOT_INCLUDED = 'DATABASE-NOT-INCLUDED.txt';

/** A PostgreSQL-mode backup: the folder, and the dump inside it or why there is none (pg_dump not installed). */
export type PostgresBackup = { folder: string; dump?: string; missing?: string };

/**
 * A backup in PostgreSQL mode: `DATA_DIR`'s files (settings, checklist, calendars) copied as in lowdb mode, plus a
 * `pg_dump` of the bot's schema in the same folder. Without `pg_dump` on the PATH the folder says so in
 * {@link NOT_INCLUDED} and the backup is returned without a dump, so a sync is not blocked by a missing client tool
 * (imports are all-or-nothing transactions anyway); a dump that fails for any other reason throws. `pgDump`: the
 * program to run (tests name one that is not installed).
 */
export async function createPostgresBackup(
  dataDir: string,
  target: PgTarget,
  reason: string,
  now: Date,
  pgDump = 'pg_dump',
): Promise<PostgresBackup> {
  const folder = await createBackup(dataDir, reason, now);
  const file = join(folder, dumpFileName(target.schema));
  const dump = await dumpSchema(target, file, pgDump);
  if (dump.ok) return { folder, dump: file };
  await writeFile(
    join(folder, NOT_INCLUDED),
    `The PostgreSQL schema ${target.schema} is not in this backup: ${dump.message}.\nBack it up with: pg_dump --format=custom --schema=${target.schema} --file=${dumpFileName(target.schema)} "$DATABASE_URL"\n`,
  );
  if (!dump.missing) throw new Error(`The database backup failed: ${dump.message}`);
  return { folder, missing: dump.message };
}

/** How many tables' data a dump holds, read with `pg_restore --list`: proves the file is a readable dump. */
export async function countDumpTables(file: string): Promise<number> {
  const listing = await runPgTool('pg_restore', ['--list', file]);
  return listing.split('\n').filter((line) => / TABLE DATA /.test(line)).length;
}
