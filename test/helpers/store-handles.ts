import type pg from 'pg';
import { beforeAll } from 'vitest';
import { migrate } from '../../src/store/postgres/migrate.js';
import { usePostgresSchemas } from './postgres.js';

/**
 * Two handles on one store's data, as a contract test sees them: `other` is a second replica where the adapter
 * allows one (PostgreSQL: a second pool on the same schema), else the same store; `reopen` opens the data again as
 * a restarted bot would.
 */
export type StoreHandles<S> = { store: S; other: S; reopen: () => Promise<S> };

/**
 * Two pools on one migrated schema (two replicas of the bot), for the PostgreSQL runs of a store contract; call at
 * the top of a `describePostgres` block. Each call empties `tables` first.
 */
export function usePostgresReplicas(tables: string[]): () => Promise<{ a: pg.Pool; b: pg.Pool }> {
  const schemas = usePostgresSchemas();
  // One migrated schema per test file (a migration per test would be slow); each test starts from empty tables.
  let pair: { a: pg.Pool; b: pg.Pool } | undefined;
  beforeAll(async () => {
    const first = schemas();
    await migrate(first.pool, { schema: first.name });
    pair = { a: first.pool, b: schemas(first.name).pool };
  });
  return async () => {
    if (!pair) throw new Error('usePostgresReplicas: the schema is made in beforeAll; use it inside a test');
    await pair.a.query(`TRUNCATE ${tables.join(', ')}`);
    return pair;
  };
}
