import type pg from 'pg';
import type { Clock, ConversationMemory } from '../../ports.js';

/** How often (by `clock`) one replica deletes the expired entries. */
export const MEMORY_SWEEP_MS = 60_000;

/**
 * Conversation memory in PostgreSQL (`conversation_memory`, migration 001), shared by every replica, so a follow-up
 * that lands on another one is answered the same. Times come from `clock`, not the server's `now()`, so tests and
 * the console's moved clock see entries expire. A row past its time is ignored at once by every query, and deleted
 * by the next sweep (every {@link MEMORY_SWEEP_MS} per replica, on a write). The reads and writes every request makes
 * are named statements, prepared once per connection. `delete` is one DELETE of a live row:
 * of two replicas taking the same entry at once, the second waits on the row's lock, then finds it gone.
 */
export function createPgConversationMemory(pool: pg.Pool, clock: Clock): ConversationMemory {
  let lastSweep = Number.NEGATIVE_INFINITY;
  return {
    async get(key) {
      const result = await pool.query<{ value: string }>({
        name: 'memory-get',
        text: 'SELECT value FROM conversation_memory WHERE key = $1 AND (expires_at IS NULL OR expires_at > $2)',
        values: [key, clock.now()],
      });
      return result.rows[0]?.value;
    },
    async set(key, value, ttlMs) {
      const now = clock.now();
      if (now.getTime() - lastSweep >= MEMORY_SWEEP_MS) {
        lastSweep = now.getTime();
        await pool.query('DELETE FROM conversation_memory WHERE expires_at <= $1', [now]);
      }
      // The value is a string; jsonb keeps it as a JSON string, which node-postgres hands back as one.
      await pool.query({
        name: 'memory-set',
        text: `INSERT INTO conversation_memory (key, value, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE
           SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at, version = conversation_memory.version + 1`,
        values: [key, JSON.stringify(value), new Date(now.getTime() + ttlMs)],
      });
    },
    async delete(key) {
      const result = await pool.query(
        'DELETE FROM conversation_memory WHERE key = $1 AND (expires_at IS NULL OR expires_at > $2)',
        [key, clock.now()],
      );
      return result.rowCount === 1;
    },
  };
}
