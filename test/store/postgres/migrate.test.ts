import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FindQuery } from '../../../src/ports.js';
import { loadMigrations, type Migration, MigrationError, migrate } from '../../../src/store/postgres/migrate.js';
import { createPostgresInvoiceStore } from '../../../src/store/postgres/postgres-invoice-store.js';
import { describePostgres, usePostgresSchemas } from '../../helpers/postgres.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

// Every store's table: a migration that drops or renames one must update this list on purpose.
const TABLES = [
  'audit_log',
  'checklist_sessions',
  'conversation_memory',
  'deduction_imports',
  'deduction_selections',
  'dedupe_keys',
  'escalations',
  'greeted_users',
  'import_coverage',
  'invoice_counts',
  'invoice_ids',
  'invoice_name_refs',
  'invoice_names',
  'invoices',
  'notices',
  'preferences',
  'question_events',
  'schedules',
  'watches',
];

/** Tables, columns and indexes of a schema, with the schema's name taken out so two schemas compare equal. */
async function shape(pool: pg.Pool, schema: string): Promise<string[]> {
  const columns = await pool.query<{ line: string }>(
    `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
       FROM information_schema.columns WHERE table_schema = $1`,
    [schema],
  );
  const indexes = await pool.query<{ line: string }>(
    `SELECT replace(indexdef, $1 || '.', '') AS line FROM pg_indexes WHERE schemaname = $1`,
    [schema],
  );
  return [...columns.rows, ...indexes.rows].map((r) => r.line).sort();
}

async function versions(pool: pg.Pool, schema: string): Promise<number[]> {
  const { rows } = await pool.query<{ version: number }>(
    `SELECT version FROM ${schema}.schema_migrations ORDER BY version`,
  );
  return rows.map((r) => r.version);
}

describe('loadMigrations', () => {
  const tempDir = useTempDirs();

  it('reads the repository migrations in version order, starting at 001_initial', async () => {
    const migrations = await loadMigrations();
    expect(migrations[0]?.name).toBe('001_initial');
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it.each([
    [['001_initial.sql', '003_later.sql'], /003_later\.sql: expected version 002 here/],
    [['001_initial.sql', '001_again.sql'], /001_initial\.sql: expected version 002 here/],
    [['001_initial.sql', '2_no_padding.sql'], /2_no_padding\.sql: name it NNN_what_it_does\.sql/],
  ])('refuses %j', async (files, message) => {
    const dir = await tempDir();
    await mkdir(dir, { recursive: true });
    for (const file of files) await writeFile(join(dir, file), 'SELECT 1;');
    await expect(loadMigrations(dir)).rejects.toThrow(message);
  });
});

describePostgres('migrate', () => {
  const schemas = usePostgresSchemas();
  let all: Migration[] = [];
  beforeAll(async () => {
    all = await loadMigrations();
  });
  const latest = () => all.length;

  it('builds every store table in an empty schema, then finds nothing to do', async () => {
    const { name, pool } = schemas();
    const first = await migrate(pool, { schema: name });
    expect(first.applied.map((m) => m.version)).toEqual(all.map((m) => m.version));
    expect(first.version).toBe(latest());
    const { rows } = await pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'schema_migrations' ORDER BY 1`,
      [name],
    );
    expect(rows.map((r) => r.table_name)).toEqual(TABLES);
    expect(await migrate(pool, { schema: name })).toEqual({ applied: [], version: latest() });
    expect(await versions(pool, name)).toEqual(all.map((m) => m.version));
  });

  it('applies each migration once when two replicas start at the same moment', async () => {
    const a = schemas();
    // The second replica: its own pool (own connections) on the same schema.
    const b = schemas(a.name);
    const results = await Promise.all([migrate(a.pool, { schema: a.name }), migrate(b.pool, { schema: a.name })]);
    const applied = results.flatMap((r) => r.applied.map((m) => m.version)).sort((x, y) => x - y);
    expect(applied).toEqual(all.map((m) => m.version));
    expect(results.map((r) => r.version)).toEqual([latest(), latest()]);
    expect(await versions(a.pool, a.name)).toEqual(all.map((m) => m.version));
  });

  it('upgrades a schema left at the previous version to the same shape as a fresh one', async () => {
    const old = schemas();
    await migrate(old.pool, { schema: old.name, upTo: latest() - 1 });
    expect(await versions(old.pool, old.name)).toEqual(all.slice(0, -1).map((m) => m.version));
    const upgraded = await migrate(old.pool, { schema: old.name });
    expect(upgraded.applied.map((m) => m.name)).toEqual([all[latest() - 1]?.name]);
    const fresh = schemas();
    await migrate(fresh.pool, { schema: fresh.name });
    expect(await shape(old.pool, old.name)).toEqual(await shape(fresh.pool, fresh.name));
    expect(await versions(old.pool, old.name)).toHaveLength(latest());
  });

  it('ends all but the newest of the active walk-throughs a race left for one user and invoice (009)', async () => {
    const { name, pool } = schemas();
    await migrate(pool, { schema: name, upTo: 8 });
    const row = (id: string, updatedAt: string, status = 'active') =>
      pool.query(
        `INSERT INTO ${name}.checklist_sessions (id, doc, user_id, invoice_key, status, awaiting, updated_at)
         VALUES ($1, $2, 'U0EMP', 'D1', $3, 'day', $4)`,
        [id, JSON.stringify({ id, status, awaiting: 'day', updatedAt }), status, updatedAt],
      );
    await row('CHK-1', '2026-11-27T07:00:00Z');
    await row('CHK-2', '2026-11-27T08:00:00Z');
    await row('CHK-3', '2026-11-27T06:00:00Z', 'solved');
    await migrate(pool, { schema: name });
    const { rows } = await pool.query<{ id: string; status: string; awaiting: string | null; doc: object }>(
      `SELECT id, status, awaiting, doc FROM ${name}.checklist_sessions ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        id: 'CHK-1',
        status: 'abandoned',
        awaiting: null,
        doc: {
          id: 'CHK-1',
          status: 'abandoned',
          updatedAt: '2026-11-27T07:00:00Z',
          endedAt: '2026-11-27T07:00:00Z',
          endReason: 'expired',
        },
      },
      expect.objectContaining({ id: 'CHK-2', status: 'active', awaiting: 'day' }),
      expect.objectContaining({ id: 'CHK-3', status: 'solved' }),
    ]);
  });

  it('gives the invoices imported before 010 their name rows, so `find` by name still finds them', async () => {
    const { name, pool } = schemas();
    await migrate(pool, { schema: name, upTo: 9 });
    const invoice = (pk: string, issuedAt: string, names: string[]) =>
      pool.query(
        `INSERT INTO ${name}.invoices (pk, ledger, issued_at, issue_day, totals, names, tax_ids)
         VALUES ($1, $2, $3, $4, '{}', $5, '{}')`,
        [pk, JSON.stringify({ issuedAt }), issuedAt, issuedAt.slice(0, 10), names],
      );
    await invoice('D1', '2026-11-02T09:30:00+08:00', ['北京示例科技有限公司', '甲有限公司', '甲有限公司']);
    await invoice('D2', '2026-11-03T09:30:00+08:00', ['北京示例科技有限公司', '乙有限公司']);
    await pool.query(
      `INSERT INTO ${name}.invoice_names (name) VALUES ('北京示例科技有限公司'), ('甲有限公司'), ('乙有限公司')`,
    );
    await migrate(pool, { schema: name });
    const store = createPostgresInvoiceStore(pool);
    const found = async (query: FindQuery) => {
      const { pairs, count } = await store.find(query, 10);
      return { count, days: pairs.map((p) => p.ledger?.issuedAt.slice(0, 10)) };
    };
    expect(await found({ name: '示例科技' })).toEqual({ count: 2, days: ['2026-11-03', '2026-11-02'] });
    expect(await found({ name: '甲', dayFrom: '2026-11-02' })).toEqual({ count: 1, days: ['2026-11-02'] });
    expect(await found({ name: '乙', dayFrom: '2026-11-02' })).toEqual({ count: 0, days: [] });
  });

  it('stops when a migration that was applied has been edited since, and changes nothing', async () => {
    const { name, pool } = schemas();
    await migrate(pool, { schema: name });
    const edited = all.map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    const error = await migrate(pool, { schema: name, migrations: edited }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toContain(`Migration ${all[0]?.name} was applied to schema ${name}`);
    expect(await versions(pool, name)).toHaveLength(latest());
  });

  it('rolls a failing migration back whole, and leaves the versions before it applied', async () => {
    const { name, pool } = schemas();
    const broken: Migration = {
      version: latest() + 1,
      name: 'broken',
      sql: 'CREATE TABLE half_done (x int); SELECT no_such_column FROM half_done;',
      checksum: 'x',
    };
    await expect(migrate(pool, { schema: name, migrations: [...all, broken] })).rejects.toThrow(
      /Migration broken failed and was rolled back: column "no_such_column" does not exist/,
    );
    expect(await versions(pool, name)).toEqual(all.map((m) => m.version));
    const { rowCount } = await pool.query(
      `SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'half_done'`,
      [name],
    );
    expect(rowCount).toBe(0);
  });

  it('leaves alone versions a newer release applied, and reports the schema at that version', async () => {
    const { name, pool } = schemas();
    const newer: Migration = { version: latest() + 1, name: 'newer', sql: 'SELECT 1;', checksum: 'n' };
    await migrate(pool, { schema: name, migrations: [...all, newer] });
    expect(await migrate(pool, { schema: name })).toEqual({ applied: [], version: latest() + 1 });
  });
});
