import pg from 'pg';
import { redact } from '../../lib/redact.js';

/** Where the bot's data lives in PostgreSQL: a connection string and the bot's own schema. */
export type PgTarget = {
  /** `DATABASE_URL`, e.g. `postgres://bot:password@db:5432/invoices`. */
  url: string;
  /** The schema holding the bot's tables (`DATABASE_SCHEMA`, `invoice_desk` by default): lower-case, digits, `_`. */
  schema: string;
};

/** Pool settings beyond the target; the defaults suit one bot replica. */
export type PgPoolOptions = PgTarget & {
  /** Connections per replica (default 10). */
  max?: number;
  /** Told when an idle connection breaks (the server restarted); the pool opens a new one on the next query. */
  onIdleError?: (error: Error) => void;
  /** The name the server shows for these connections (`pg_stat_activity.application_name`; default `invoice-desk`). */
  applicationName?: string;
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A `pg` connection pool whose every connection has the bot's schema first on its `search_path` (then `public`,
 * where `pg_trgm` lives), so adapters write plain table names. The pool is lazy: nothing connects until the first
 * query. Call `pool.end()` when the bot stops.
 * @example const pool = createPgPool({ url: config.databaseUrl, schema: config.databaseSchema });
 */
export function createPgPool({
  url,
  schema,
  max = 10,
  onIdleError,
  applicationName = 'invoice-desk',
}: PgPoolOptions): pg.Pool {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Not a usable schema name: "${schema}"`);
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // A server option rather than a `SET` after connecting: it is in force before the first query, with no round trip.
    options: `-c search_path=${schema},public`,
    application_name: applicationName,
    connectionTimeoutMillis: 10_000,
  });
  // Without a listener an idle connection's error would crash the process; the pool already dropped that connection.
  pool.on('error', (error) => {
    if (onIdleError) onIdleError(error);
    else console.error(`PostgreSQL connection lost (a new one is opened on the next query): ${redact(error.message)}`);
  });
  return pool;
}
