import type pg from 'pg';
import type { DedupeStore } from '../../ports.js';
import { DEDUPE_TTL_MS } from '../dedupe-ttl.js';

/** How often (by the `now` the callers pass) one replica deletes the expired keys. */
export const DEDUPE_SWEEP_MS = 10 * 60_000;

/**
 * Handled keys (Slack event ids, interaction keys, request signatures) in PostgreSQL (`dedupe_keys`, migration 001).
 * `firstSeen` is one INSERT … ON CONFLICT: the first replica to insert a key wins, and a key whose time to live has
 * passed is taken over by the next caller in the same statement. `seen` is one indexed read and `remember` one
 * upsert. Expired rows are deleted now and then (every {@link DEDUPE_SWEEP_MS} per replica, by whichever call comes
 * then), not on every call, so a retried event costs one statement and the table holds at most the keys of one time
 * to live plus one sweep interval.
 */
export function createPgDedupeStore(pool: pg.Pool): DedupeStore {
  let lastSweep = Number.NEGATIVE_INFINITY;
  const sweep = async (now: Date) => {
    if (now.getTime() - lastSweep < DEDUPE_SWEEP_MS) return;
    lastSweep = now.getTime();
    await pool.query('DELETE FROM dedupe_keys WHERE expires_at <= $1', [now]);
  };
  return {
    async firstSeen(key, now) {
      await sweep(now);
      const result = await pool.query(
        `INSERT INTO dedupe_keys (key, expires_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE dedupe_keys.expires_at <= $3`,
        [key, new Date(now.getTime() + DEDUPE_TTL_MS), now],
      );
      return result.rowCount === 1;
    },
    async seen(key, now) {
      const result = await pool.query('SELECT 1 FROM dedupe_keys WHERE key = $1 AND expires_at > $2', [key, now]);
      return result.rowCount === 1;
    },
    async remember(key, now, ttlMs) {
      await sweep(now);
      await pool.query(
        `INSERT INTO dedupe_keys (key, expires_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET expires_at = GREATEST(dedupe_keys.expires_at, EXCLUDED.expires_at)`,
        [key, new Date(now.getTime() + ttlMs)],
      );
    },
  };
}
