import type pg from 'pg';
import type { GreetingStore } from '../../ports.js';

/**
 * Greetings in PostgreSQL (`greeted_users`, migration 003): the first replica to insert a person's row greets
 * them; every later insert, on any replica, conflicts and changes nothing.
 */
export function createPgGreetingStore(pool: pg.Pool): GreetingStore {
  return {
    async firstVisit(userId) {
      const result = await pool.query('INSERT INTO greeted_users (user_id) VALUES ($1) ON CONFLICT DO NOTHING', [
        userId,
      ]);
      return result.rowCount === 1;
    },
  };
}
