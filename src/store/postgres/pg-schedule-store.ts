import type pg from 'pg';
import { systemClock } from '../../lib/clocks.js';
import type { ScheduleLease, ScheduleStore } from '../../ports.js';
import { DEFAULT_SCHEDULE_LEASE_MS, leaseOwner, type ScheduleOptions } from '../schedule-slots.js';

/**
 * When each job last ran, and who runs which slot until when, in PostgreSQL (`schedules`, migrations 001 and 008).
 * `claim` is a single upsert whose update only happens when the slot is not the completed one and no lease on the
 * job is live: concurrent claims of one slot queue on the row's lock, and each one after the first sees the lease
 * taken, so exactly one replica wins a slot. Expiry is judged by the bot's clock (`options.clock`), not the server's,
 * so every replica and test agrees with its own scheduling; replicas' clocks must agree to well within the lease.
 */
export function createPgScheduleStore(
  pool: pg.Pool,
  { clock = systemClock, leaseMs = DEFAULT_SCHEDULE_LEASE_MS }: ScheduleOptions = {},
): ScheduleStore {
  const until = () => new Date(clock.now().getTime() + leaseMs);
  // Whoever holds it now: the work of the slot is over either way.
  const endLease = ['lease_value', 'lease_owner', 'lease_until', 'lease_steps']
    .map(
      (c) =>
        `${c} = CASE WHEN schedules.lease_value = $2 THEN ${c === 'lease_steps' ? "'{}'" : 'NULL'} ELSE schedules.${c} END`,
    )
    .join(', ');
  return {
    async lastRun(job) {
      const result = await pool.query<{ value: string | null }>('SELECT value FROM schedules WHERE job = $1', [job]);
      return result.rows[0]?.value ?? undefined;
    },
    async markRun(job, value) {
      await pool.query(
        `INSERT INTO schedules (job, value) VALUES ($1, $2)
         ON CONFLICT (job) DO UPDATE SET value = EXCLUDED.value, version = schedules.version + 1, ${endLease}`,
        [job, value],
      );
    },
    async claim(job, value) {
      const owner = leaseOwner();
      // One statement, not a read then a write: between those another replica could claim the same slot. A slot
      // taken over from a holder that died or failed keeps the steps it finished; a new slot starts afresh.
      const result = await pool.query<{ lease_steps: string[] }>(
        `INSERT INTO schedules (job, value, lease_value, lease_owner, lease_until) VALUES ($1, NULL, $2, $3, $4)
         ON CONFLICT (job) DO UPDATE SET
           lease_steps = CASE WHEN schedules.lease_value = $2 THEN schedules.lease_steps ELSE '{}' END,
           lease_value = $2, lease_owner = $3, lease_until = $4,
           version = schedules.version + 1, claimed_at = now()
         WHERE schedules.value IS DISTINCT FROM $2
           AND (schedules.lease_until IS NULL OR schedules.lease_until <= $5)
         RETURNING lease_steps`,
        [job, value, owner, until(), clock.now()],
      );
      const row = result.rows[0];
      if (!row) return undefined;
      const lease: ScheduleLease = {
        done: new Set(row.lease_steps),
        async step(key) {
          await pool.query(
            `UPDATE schedules SET lease_steps = array_append(lease_steps, $3),
               lease_until = CASE WHEN lease_owner = $4 THEN $5 ELSE lease_until END
             WHERE job = $1 AND lease_value = $2`,
            [job, value, key, owner, until()],
          );
        },
        async complete() {
          await pool.query(`UPDATE schedules SET value = $2, version = version + 1, ${endLease} WHERE job = $1`, [
            job,
            value,
          ]);
        },
        async release() {
          await pool.query(
            `UPDATE schedules SET lease_owner = NULL, lease_until = NULL
             WHERE job = $1 AND lease_value = $2 AND lease_owner = $3`,
            [job, value, owner],
          );
        },
        async discard() {
          // A row that never completed a slot is the lease alone: gone with it, so per-item leases leave nothing.
          await pool.query(
            `WITH dropped AS (DELETE FROM schedules WHERE job = $1 AND lease_value = $2 AND value IS NULL RETURNING job)
             UPDATE schedules SET ${endLease} WHERE job = $1 AND NOT EXISTS (SELECT 1 FROM dropped)`,
            [job, value],
          );
        },
      };
      return lease;
    },
  };
}
