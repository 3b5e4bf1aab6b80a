import type pg from 'pg';
import type { ScheduleStore } from '../../ports.js';

/**
 * When each job last ran, in PostgreSQL (`schedules`, migration 001). `claim` is a single upsert whose update only
 * happens when the stored value differs: concurrent claims of one slot queue on the row's lock, and each one after
 * the first sees the value already moved, so exactly one replica wins a slot.
 */
export function createPgScheduleStore(pool: pg.Pool): ScheduleStore {
  return {
    async lastRun(job) {
      const result = await pool.query<{ value: string }>('SELECT value FROM schedules WHERE job = $1', [job]);
      return result.rows[0]?.value;
    },
    async markRun(job, value) {
      await pool.query(
        `INSERT INTO schedules (job, value) VALUES ($1, $2)
         ON CONFLICT (job) DO UPDATE
           SET value = EXCLUDED.value, version = schedules.version + 1, claimed_at = now()`,
        [job, value],
      );
    },
    async claim(job, value) {
      // One statement, not a read then a write: between those another replica could claim the same slot.
      const result = await pool.query(
        `INSERT INTO schedules (job, value) VALUES ($1, $2)
         ON CONFLICT (job) DO UPDATE
           SET value = EXCLUDED.value, version = schedules.version + 1, claimed_at = now()
           WHERE schedules.value IS DISTINCT FROM EXCLUDED.value`,
        [job, value],
      );
      return result.rowCount === 1;
    },
  };
}
