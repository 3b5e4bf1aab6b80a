import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/lib/clocks.js';
import type { ScheduleStore } from '../../src/ports.js';
import { createLowdbScheduleStore } from '../../src/store/lowdb-schedule-store.js';
import { createMemoryScheduleStore } from '../../src/store/memory-state-stores.js';
import { createPgScheduleStore } from '../../src/store/postgres/pg-schedule-store.js';
import type { ScheduleOptions } from '../../src/store/schedule-slots.js';
import { describePostgres } from '../helpers/postgres.js';
import { type StoreHandles, usePostgresReplicas } from '../helpers/store-handles.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const LEASE_MS = 60_000;

/**
 * The behaviour every schedule store promises through the port: a claim is a lease, which is what lets replicas
 * sharing one database run a job once, and lets one take over the slot of a replica that died holding it.
 */
function scheduleStoreContract(open: (options: ScheduleOptions) => Promise<StoreHandles<ScheduleStore>>): void {
  const fresh = async () => {
    const clock = createManualClock(new Date('2026-11-30T09:30:00+08:00'));
    return { clock, ...(await open({ clock, leaseMs: LEASE_MS })) };
  };

  it('leases a slot to exactly one of many claims made at once on two replicas, and the next slot again to one', async () => {
    const { store, other, reopen } = await fresh();
    const claimAll = (value: string) =>
      Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? other : store).claim('digest', value)));
    const first = (await claimAll('2026-11-30')).filter((lease) => lease !== undefined);
    expect(first).toHaveLength(1);
    // Leased is not done: the last run moves only once the work succeeded.
    expect(await other.lastRun('digest')).toBeUndefined();
    await first[0]?.complete();
    expect(await other.lastRun('digest')).toBe('2026-11-30');
    expect(await store.claim('digest', '2026-11-30')).toBeUndefined();
    const next = (await claimAll('2026-12-01')).filter((lease) => lease !== undefined);
    expect(next).toHaveLength(1);
    await next[0]?.complete();
    // Each job has its own slots, and a completed slot stays completed across a restart.
    await (await store.claim('weekly-check', '2026-11-30'))?.complete();
    const again = await reopen();
    expect(await again.lastRun('digest')).toBe('2026-12-01');
    expect(await again.lastRun('weekly-check')).toBe('2026-11-30');
    expect(await again.claim('digest', '2026-12-01')).toBeUndefined();
  });

  it('lets a second owner take a slot whose lease expired unfinished, with the steps the first one finished', async () => {
    const { clock, store, other, reopen } = await fresh();
    const dying = await store.claim('digest', '2026-11-30');
    await dying?.step('dm:UFIN');
    // The holder died here: until its lease expires nobody else gets the slot, not even after a restart.
    clock.advance(LEASE_MS - 1000);
    expect(await other.claim('digest', '2026-11-30')).toBeUndefined();
    expect(await (await reopen()).claim('digest', '2026-11-30')).toBeUndefined();
    clock.advance(2000);
    const taken = await other.claim('digest', '2026-11-30');
    expect([...(taken?.done ?? [])]).toEqual(['dm:UFIN']);
    // The late first holder cannot hand the new holder's lease back.
    await dying?.release();
    expect(await store.claim('digest', '2026-11-30')).toBeUndefined();
    await taken?.step('dm:UFIN2');
    await taken?.complete();
    expect(await store.lastRun('digest')).toBe('2026-11-30');
    clock.advance(10 * LEASE_MS);
    expect(await store.claim('digest', '2026-11-30')).toBeUndefined();
    // The next slot starts with nothing done.
    expect([...((await store.claim('digest', '2026-12-01'))?.done ?? ['?'])]).toEqual([]);
  });

  it('extends the lease with each finished step, so a long job keeps its slot', async () => {
    const { clock, store, other } = await fresh();
    const lease = await store.claim('filing-reminder', '2026-12-15');
    clock.advance(LEASE_MS - 1000);
    await lease?.step('post:C0ESC');
    clock.advance(LEASE_MS - 1000);
    expect(await other.claim('filing-reminder', '2026-12-15')).toBeUndefined();
  });

  it('retries a released slot at once, skipping its finished steps', async () => {
    const { store, other } = await fresh();
    const failed = await store.claim('calendar-warning', '2026-11-30');
    await failed?.step('dm:UADM');
    await failed?.release();
    expect(await other.lastRun('calendar-warning')).toBeUndefined();
    const retry = await other.claim('calendar-warning', '2026-11-30');
    expect([...(retry?.done ?? [])]).toEqual(['dm:UADM']);
  });

  it('forgets a discarded lease: the slot is not the last run, and may be leased again', async () => {
    const { store, other } = await fresh();
    await (await store.claim('sla:ESC-1', 'near:first'))?.discard();
    expect(await other.lastRun('sla:ESC-1')).toBeUndefined();
    expect([...((await other.claim('sla:ESC-1', 'near:first'))?.done ?? ['?'])]).toEqual([]);
  });

  it('keeps markRun unconditional, and a marked slot cannot be claimed', async () => {
    const { store, other } = await fresh();
    expect(await store.lastRun('backup')).toBeUndefined();
    await store.markRun('backup', '2026-11-30');
    await other.markRun('backup', '2026-11-30');
    expect(await other.lastRun('backup')).toBe('2026-11-30');
    expect(await other.claim('backup', '2026-11-30')).toBeUndefined();
  });
}

describe('in-memory schedule', () => {
  scheduleStoreContract(async (options) => {
    const store = createMemoryScheduleStore(options);
    return { store, other: store, reopen: async () => store };
  });
});

describe('lowdb schedule', () => {
  const tempDir = useTempDirs();
  scheduleStoreContract(async (options) => {
    const dir = await tempDir();
    const store = await createLowdbScheduleStore(dir, options);
    return { store, other: store, reopen: () => createLowdbScheduleStore(dir, options) };
  });
});

describePostgres('PostgreSQL schedule', () => {
  const replicas = usePostgresReplicas(['schedules']);
  scheduleStoreContract(async (options) => {
    const { a, b } = await replicas();
    return {
      store: createPgScheduleStore(a, options),
      other: createPgScheduleStore(b, options),
      reopen: async () => createPgScheduleStore(a, options),
    };
  });
});
