import type pg from 'pg';
import { redact } from '../../lib/redact.js';
import { createPgPool, type PgPoolOptions } from './create-pg-pool.js';
import { migrate } from './migrate.js';

/** PostgreSQL could not be reached or prepared at start; the message names the server (never its password). */
export class DatabaseUnavailableError extends Error {
  constructor(url: string, reason: string) {
    super(`Cannot use PostgreSQL at ${redact(url)}: ${redact(reason)}`);
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * Opens the pool and applies pending migrations (under the migration lock): what the bot and the command-line tools
 * call once at start, before any store is built on the pool. Throws {@link DatabaseUnavailableError} when the server
 * cannot be reached, and the pool is closed again.
 */
export async function openPostgres(options: PgPoolOptions): Promise<pg.Pool> {
  const pool = createPgPool(options);
  try {
    await migrate(pool, { schema: options.schema });
    return pool;
  } catch (error) {
    await pool.end();
    throw new DatabaseUnavailableError(options.url, error instanceof Error ? error.message : String(error));
  }
}
