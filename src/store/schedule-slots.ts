import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { systemClock } from '../lib/clocks.js';
import type { Clock, ScheduleLease, ScheduleStore } from '../ports.js';

/** How long a claimed slot stays a replica's unless it finishes: `SCHEDULE_LEASE_SECONDS`' default, five minutes. */
export const DEFAULT_SCHEDULE_LEASE_MS = 5 * 60_000;

/** How a schedule store leases its slots: whose clock decides expiry, and for how long a claim holds. */
export type ScheduleOptions = { clock?: Clock; leaseMs?: number };

const Lease = z.object({
  value: z.string(),
  // Absent once released: the slot may be claimed again at once, its finished steps kept.
  owner: z.string().optional(),
  until: z.string().optional(),
  steps: z.array(z.string()),
});

/** The shape of `state/schedule.json`: each job's last completed slot, and the leases being worked on. */
export const ScheduleData = z.object({
  runs: z.record(z.string(), z.string()),
  // Files written before leases existed have none.
  leases: z.record(z.string(), Lease).default({}),
});
export type ScheduleData = z.infer<typeof ScheduleData>;

/**
 * Who holds a lease: this host and process, and a fresh suffix per claim, so a holder whose lease expired and was
 * taken over cannot release the new holder's.
 * @example leaseOwner() // 'web-1:4242:1f3a9c2e'
 */
export function leaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * A schedule store over `data`, for the stores of one process (in memory, and lowdb, whose DATA_DIR one process
 * owns): every check and change is one synchronous step before `save`, so no other caller runs between them.
 */
export function createScheduleSlots(
  data: ScheduleData,
  save: () => Promise<void>,
  { clock = systemClock, leaseMs = DEFAULT_SCHEDULE_LEASE_MS }: ScheduleOptions = {},
): ScheduleStore {
  const until = () => new Date(clock.now().getTime() + leaseMs).toISOString();
  const mine = (job: string, value: string, owner: string) => {
    const lease = data.leases[job];
    return lease?.value === value && lease.owner === owner ? lease : undefined;
  };
  // Whoever holds it now: the work of the slot is over either way.
  const drop = (job: string, value: string) => {
    if (data.leases[job]?.value === value) delete data.leases[job];
  };
  return {
    lastRun: async (job) => data.runs[job],
    async markRun(job, value) {
      data.runs[job] = value;
      drop(job, value);
      await save();
    },
    async claim(job, value) {
      if (data.runs[job] === value) return undefined;
      const held = data.leases[job];
      if (held?.until && Date.parse(held.until) > clock.now().getTime()) return undefined;
      const owner = leaseOwner();
      // A slot taken over from a holder that died or failed keeps the steps it finished; a new slot starts afresh.
      const steps = held?.value === value ? held.steps : [];
      data.leases[job] = { value, owner, until: until(), steps };
      await save();
      const lease: ScheduleLease = {
        done: new Set(steps),
        async step(key) {
          const current = data.leases[job];
          if (current?.value !== value) return;
          current.steps = [...current.steps, key];
          if (current.owner === owner) current.until = until();
          await save();
        },
        async complete() {
          drop(job, value);
          data.runs[job] = value;
          await save();
        },
        async release() {
          const current = mine(job, value, owner);
          if (!current) return;
          delete current.owner;
          delete current.until;
          await save();
        },
        async discard() {
          drop(job, value);
          await save();
        },
      };
      return lease;
    },
  };
}
