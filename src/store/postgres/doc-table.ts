import type pg from 'pg';
import type { Update } from '../../ports.js';
import { withTransaction } from './with-transaction.js';

/**
 * A state table of migration 001 (`escalations`, `notices`, `checklist_sessions`): `id`, the domain object in
 * `doc`, a `version`, and copies of the fields its queries filter on.
 */
export type DocTableSpec<T> = {
  /** The table's name: a constant of the adapter, never user input. */
  table: string;
  /** The query columns beside `id` and `doc`, in the order `values` gives them. */
  columns: readonly string[];
  /** Those columns' values for a document. */
  values: (doc: T) => unknown[];
};

/** Reads, saves and changes documents of one state table; each adapter adds its own queries. */
export type DocTable<T> = {
  get(client: pg.Pool | pg.PoolClient, id: string): Promise<T | undefined>;
  /** Inserts a new document; an id already taken (or another unique index) fails with the server's error. */
  insert(client: pg.Pool | pg.PoolClient, doc: T & { id: string }): Promise<void>;
  /** Inserts the document, or replaces the stored one wholesale (its version goes up). */
  put(client: pg.Pool | pg.PoolClient, doc: T & { id: string }): Promise<void>;
  /** Replaces the stored document (its version goes up); on a client that holds the row's lock. */
  replace(client: pg.PoolClient, id: string, doc: T): Promise<void>;
  /** The port's atomic `update`, on this pool. */
  update: Update<T>;
};

/**
 * The shared reads and writes of a document table. `update` locks the row (`SELECT … FOR UPDATE`) inside a
 * transaction, so a change is always computed on the row as committed last and a second replica's change waits for
 * it instead of being written over: no change is lost. A row lock rather than a version check because `change` is
 * synchronous and the lock is held for one round trip, and because there is then nothing to retry.
 */
export function docTable<T extends { id: string }>(pool: pg.Pool, spec: DocTableSpec<T>): DocTable<T> {
  const { table, columns, values } = spec;
  const params = (from: number) => columns.map((_, i) => `$${i + from}`).join(', ');
  // Tables whose `updated_at` is not copied from the document stamp it with the server's clock.
  const stamp = columns.includes('updated_at') ? '' : ', updated_at = now()';
  const set = columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  const insert = `INSERT INTO ${table} (id, doc, ${columns.join(', ')}) VALUES ($1, $2, ${params(3)})`;
  const upsert = `${insert}
    ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, ${set}, version = ${table}.version + 1${stamp}`;
  const replaceSql = `UPDATE ${table} SET doc = $2, ${columns.map((c, i) => `${c} = $${i + 3}`).join(', ')},
    version = version + 1${stamp} WHERE id = $1`;
  const api: DocTable<T> = {
    async get(client, id) {
      const { rows } = await client.query<{ doc: T }>(`SELECT doc FROM ${table} WHERE id = $1`, [id]);
      return rows[0]?.doc;
    },
    async insert(client, doc) {
      await client.query(insert, [doc.id, JSON.stringify(doc), ...values(doc)]);
    },
    async put(client, doc) {
      await client.query(upsert, [doc.id, JSON.stringify(doc), ...values(doc)]);
    },
    async replace(client, id, doc) {
      await client.query(replaceSql, [id, JSON.stringify(doc), ...values(doc)]);
    },
    update: (id, change) =>
      withTransaction(pool, async (client) => {
        const { rows } = await client.query<{ doc: T }>(`SELECT doc FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
        const current = rows[0]?.doc;
        if (current === undefined) return undefined;
        const next = change(current);
        if (next === undefined || next === current) return current;
        await api.replace(client, id, next);
        return next;
      }),
  };
  return api;
}
