import type pg from 'pg';

/**
 * Runs `work` on one connection inside `BEGIN … COMMIT`; any error rolls back and is rethrown, so the work is
 * all-or-nothing. The connection goes back to the pool afterwards (or is discarded if the rollback itself failed,
 * e.g. because the connection broke).
 * @example await withTransaction(pool, (client) => client.query('UPDATE escalations SET … WHERE id = $1', [id]));
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // The original error is the one worth reporting; a failed rollback only means this connection is unusable.
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
