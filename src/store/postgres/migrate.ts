import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** One versioned SQL file of `migrations/`, e.g. `001_initial.sql` → version 1, name `001_initial`. */
export type Migration = { version: number; name: string; sql: string; checksum: string };

/** What a migration run did: the migrations it applied (none when up to date) and the schema's version after it. */
export type MigrateResult = { applied: Migration[]; version: number };

/** A migration file or the schema's record of them is not what the runner can safely work with. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** The repository's `migrations/` folder. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

const FILE_NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;

// One lock for every schema of the database, not one per schema: `CREATE EXTENSION pg_trgm` is database-wide, and
// two schemas migrating at the same moment (two test files, two bots) would otherwise race to create it.
const LOCK_KEY = '7204118914';

/**
 * Reads the migration files, in version order. Versions must run 1, 2, 3 … without gaps or repeats, so a file added
 * on two branches at once is caught before it reaches a database.
 */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const [i, file] of names.entries()) {
    const match = FILE_NAME.exec(file);
    if (!match) throw new MigrationError(`${join(dir, file)}: name it NNN_what_it_does.sql (e.g. 002_add_index.sql)`);
    const version = Number(match[1]);
    if (version !== i + 1)
      throw new MigrationError(`${join(dir, file)}: expected version ${String(i + 1).padStart(3, '0')} here`);
    const sql = await readFile(join(dir, file), 'utf8');
    migrations.push({ version, name: file.slice(0, -4), sql, checksum: checksum(sql) });
  }
  return migrations;
}

function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** Options of {@link migrate}. */
export type MigrateOptions = {
  /** The bot's schema; created when missing. */
  schema: string;
  /** The migrations to apply (default: the repository's). */
  migrations?: Migration[];
  /** Stop after this version (tests build a schema as an older release left it). */
  upTo?: number;
};

/**
 * Brings `schema` up to date: creates it and its `schema_migrations` table when missing, then applies each pending
 * migration in its own transaction together with its row in `schema_migrations`. The whole run holds an advisory
 * lock, so replicas starting at the same moment apply each migration once: the others wait, then find nothing to
 * do. A migration that was applied but whose file has changed since stops the run (edit nothing that shipped; add
 * a new file). Versions in the database that this release does not know (a newer replica migrated first) are left
 * alone: migrations are written to keep the previous release working during a rolling deploy.
 */
export async function migrate(pool: pg.Pool, options: MigrateOptions): Promise<MigrateResult> {
  const migrations = options.migrations ?? (await loadMigrations());
  const schema = pg.escapeIdentifier(options.schema);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
        `SELECT version, name, checksum FROM ${schema}.schema_migrations ORDER BY version`,
      );
      const done = new Map(rows.map((row) => [row.version, row]));
      for (const m of migrations) {
        const row = done.get(m.version);
        if (row && row.checksum !== m.checksum)
          throw new MigrationError(
            `Migration ${m.name} was applied to schema ${options.schema} as ${row.name}, but its file has changed since. Restore the file as it was, and put the change in a new migration.`,
          );
      }
      const applied: Migration[] = [];
      for (const m of migrations) {
        if (done.has(m.version) || (options.upTo !== undefined && m.version > options.upTo)) continue;
        await client.query('BEGIN');
        try {
          // LOCAL: the search path holds for this transaction only, whatever the pool's connections were given.
          await client.query(`SET LOCAL search_path = ${schema}, public`);
          await client.query(m.sql);
          await client.query(`INSERT INTO ${schema}.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)`, [
            m.version,
            m.name,
            m.checksum,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new MigrationError(`Migration ${m.name} failed and was rolled back: ${(error as Error).message}`);
        }
        applied.push(m);
      }
      const versions = [...done.keys(), ...applied.map((m) => m.version)];
      return { applied, version: versions.length === 0 ? 0 : Math.max(...versions) };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  } catch (error) {
    // A connection that failed mid-run may still hold the lock or a transaction: never hand it back to the pool.
    if (!(error instanceof MigrationError)) broken = error as Error;
    throw error;
  } finally {
    client.release(broken);
  }
}
