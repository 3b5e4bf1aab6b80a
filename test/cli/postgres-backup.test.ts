import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runBackup } from '../../src/cli/backup.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { createPostgresBackup, NOT_INCLUDED } from '../../src/store/postgres/postgres-backup.js';
import { createPostgresInvoiceStore } from '../../src/store/postgres/postgres-invoice-store.js';
import { ledger } from '../helpers/fixtures.js';
import { describePostgres, postgresUrl, usePostgresSchemas } from '../helpers/postgres.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const now = new Date('2026-11-27T07:00:00Z');

describePostgres('npm run backup and restore with DATABASE_URL', () => {
  const tempDir = useTempDirs();
  const schemas = usePostgresSchemas();

  async function setup() {
    const { name, pool } = schemas();
    await migrate(pool, { schema: name });
    await createPostgresInvoiceStore(pool).importLedger([ledger()], now);
    const dataDir = await tempDir();
    const env = { DATA_DIR: dataDir, DATABASE_URL: postgresUrl, DATABASE_SCHEMA: name };
    const run = async (command: 'backup' | 'restore', argv: string[]) => {
      const lines: string[] = [];
      const code = await runBackup(command, argv, env, (l) => lines.push(l), createManualClock(now));
      return { code, out: lines.join('\n') };
    };
    return { name, dataDir, run };
  }

  it('backs up DATA_DIR and a pg_dump of the schema, and verifies that the dump reads back', async () => {
    const { name, run } = await setup();
    const made = await run('backup', []);
    expect(made.code).toBe(0);
    const dump = new RegExp(`pg_dump to (.*/postgres-${name}\\.dump)\\.$`).exec(made.out)?.[1] ?? '';
    await access(dump);
    const folder = /^Backup written to (.*): /.exec(made.out)?.[1] ?? '';
    const verified = await run('backup', ['--verify', folder]);
    expect(verified.code).toBe(0);
    // Every table of the schema is in the dump, the migrations' own record included.
    expect(verified.out).toMatch(
      new RegExp(`postgres-${name}\\.dump is a readable database dump \\((1[4-9]|[2-9]\\d) tables\\)`),
    );
  });

  it('refuses a restore, with the steps to restore by hand', async () => {
    const { run } = await setup();
    const refused = await run('restore', ['/anywhere']);
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/^Refused: with DATABASE_URL set, npm run restore does not replace the database/);
    expect(refused.out).toContain('pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL"');
  });

  it('says so, and leaves a note in the folder, when pg_dump is not installed', async () => {
    const { name, dataDir } = await setup();
    const target = { url: postgresUrl, schema: name };
    const backup = await createPostgresBackup(dataDir, target, 'before-sync', now, 'pg_dump-not-installed');
    expect(backup).toMatchObject({ missing: expect.stringContaining('pg_dump is not on the PATH') });
    expect(backup.dump).toBeUndefined();
    expect(await readFile(join(backup.folder, NOT_INCLUDED), 'utf8')).toContain(
      `The PostgreSQL schema ${name} is not in this backup`,
    );
  });
});
