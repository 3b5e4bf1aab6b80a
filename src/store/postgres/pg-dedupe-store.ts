import type pg from 'pg';
import type { DedupeStore } from '../../ports.js';
import { DEDUPE_TTL_MS } from '../dedupe-ttl.js';

/** How often (by the `now` the callers pass) one replica deletes the expired keys. */
export const DEDUPE_SWEEP_MS = 10 * 60_000;

/**
 * Handled keys (Slack event ids, interaction keys) in PostgreSQL (`dedupe_keys`, migration 001). `firstSeen` is one
 * INSERT … ON CONFLICT: the first replica to insert a key wins, and a key whose time to live has passed is taken
 * over by the next caller in the same statement. Expired rows are deleted now and then (every
 * {@link DEDUPE_SWEEP_MS} per replica), not on every call, so a retried event costs one statement.
 */
export function createPgDedupeStore(pool: pg.Pool): DedupeStore {
  let lastSweep = Number.NEGATIVE_INFINITY;
  return {
    async firstSeen(key, now) {
      if (now.getTime() - lastSweep >= DEDUPE_SWEEP_MS) {
        lastSweep = now.getTime();
        await pool.query('DELETE FROM dedupe_keys WHERE expires_at <= $1', [now]);
      }
      const result = await pool.query(
        `INSERT INTO dedupe_keys (key, expires_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE dedupe_keys.expires_at <= $3`,
        [key, new Date(now.getTime() + DEDUPE_TTL_MS), now],
      );
      return result.rowCount === 1;
    },
  };
}
