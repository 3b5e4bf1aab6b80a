import type pg from 'pg';
import type { Watch, WatchStore } from '../../ports.js';

/**
 * Watches in PostgreSQL (`watches`, migration 001): one row per user and invoice (the primary key), listed oldest
 * first. `remove` is one DELETE, so when two replicas fulfil or expire the same watch at once exactly one of them
 * is told it removed the row and sends the message.
 */
export function createPgWatchStore(pool: pg.Pool): WatchStore {
  return {
    async add(watch) {
      const result = await pool.query(
        `INSERT INTO watches (user_id, invoice_key, doc, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, invoice_key) DO NOTHING`,
        [watch.userId, watch.invoiceKey, JSON.stringify(watch), watch.createdAt],
      );
      return result.rowCount === 1;
    },
    async list() {
      const result = await pool.query<{ doc: Watch }>(
        'SELECT doc FROM watches ORDER BY created_at, user_id, invoice_key',
      );
      return result.rows.map((row) => row.doc);
    },
    async remove(watch) {
      const result = await pool.query('DELETE FROM watches WHERE user_id = $1 AND invoice_key = $2', [
        watch.userId,
        watch.invoiceKey,
      ]);
      return result.rowCount === 1;
    },
  };
}
