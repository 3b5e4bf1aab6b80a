import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createPgPool } from '../../src/store/postgres/create-pg-pool.js';
import { migrate } from '../../src/store/postgres/migrate.js';

/** The test server's connection string, or '' when it is unreachable outside CI (see postgres-setup.ts). */
export const postgresUrl = inject('postgresUrl') ?? '';

/**
 * `describe` for tests that need the PostgreSQL server: skipped (with the one line postgres-setup.ts printed) when
 * it cannot be reached outside CI; in CI the run has already failed.
 */
export const describePostgres = describe.skipIf(postgresUrl === '');

/** A schema name no other test file, engineer or run uses. */
export function uniqueSchemaName(prefix = 'test'): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** A schema of this test file (not created yet: `migrate` creates it) and a pool whose search_path is set to it. */
export type TestSchema = { name: string; pool: pg.Pool };

/**
 * Fresh schemas for one test file: each call without a name names a new one, with its own pool; a call with the name
 * of one made earlier opens a second pool on it (a second replica: its own connections). After the file, every schema
 * is dropped and every pool closed, so test files and engineers sharing the server never see each other's tables.
 */
export function usePostgresSchemas(): (sameAs?: string) => TestSchema {
  const made: TestSchema[] = [];
  afterAll(async () => {
    const first = made[0];
    if (!first) return;
    for (const name of new Set(made.map((m) => m.name)))
      await first.pool.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    await Promise.all(made.map(({ pool }) => pool.end()));
  });
  return (sameAs) => {
    const name = sameAs ?? uniqueSchemaName();
    const schema = { name, pool: createPgPool({ url: postgresUrl, schema: name, max: 4 }) };
    made.push(schema);
    return schema;
  };
}

/** One fresh schema at the latest migration for the whole test file; read `.pool` inside tests. */
export function useMigratedSchema(): { readonly pool: pg.Pool; readonly name: string } {
  const schemas = usePostgresSchemas();
  let current: TestSchema | undefined;
  beforeAll(async () => {
    current = schemas();
    await migrate(current.pool, { schema: current.name });
  });
  return {
    get pool() {
      if (!current) throw new Error('useMigratedSchema: the schema is made in beforeAll; use it inside a test');
      return current.pool;
    },
    get name() {
      if (!current) throw new Error('useMigratedSchema: the schema is made in beforeAll; use it inside a test');
      return current.name;
    },
  };
}
