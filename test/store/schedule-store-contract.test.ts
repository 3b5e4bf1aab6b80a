import { describe, expect, it } from 'vitest';
import type { ScheduleStore } from '../../src/ports.js';
import { createLowdbScheduleStore } from '../../src/store/lowdb-schedule-store.js';
import { createMemoryScheduleStore } from '../../src/store/memory-state-stores.js';
import { createPgScheduleStore } from '../../src/store/postgres/pg-schedule-store.js';
import { describePostgres } from '../helpers/postgres.js';
import { type StoreHandles, usePostgresReplicas } from '../helpers/store-handles.js';
import { useTempDirs } from '../helpers/temp-dir.js';

/**
 * The behaviour every schedule store promises through the port: `claim` is what lets replicas sharing one database
 * run a job once.
 */
function scheduleStoreContract(fresh: () => Promise<StoreHandles<ScheduleStore>>): void {
  it('gives a slot to exactly one of many claims made at once on two replicas, and the next slot again to one', async () => {
    const { store, other, reopen } = await fresh();
    const claimAll = (value: string) =>
      Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? other : store).claim('digest', value)));
    expect((await claimAll('2026-11-30')).filter(Boolean)).toHaveLength(1);
    expect(await other.lastRun('digest')).toBe('2026-11-30');
    expect(await store.claim('digest', '2026-11-30')).toBe(false);
    expect((await claimAll('2026-12-01')).filter(Boolean)).toHaveLength(1);
    // Each job has its own slots, and a claim lasts across a restart.
    expect(await store.claim('weekly-check', '2026-11-30')).toBe(true);
    const again = await reopen();
    expect(await again.lastRun('digest')).toBe('2026-12-01');
    expect(await again.lastRun('weekly-check')).toBe('2026-11-30');
    expect(await again.claim('digest', '2026-12-01')).toBe(false);
  });

  it('keeps markRun unconditional, and a marked slot cannot be claimed', async () => {
    const { store, other } = await fresh();
    expect(await store.lastRun('backup')).toBeUndefined();
    await store.markRun('backup', '2026-11-30');
    await other.markRun('backup', '2026-11-30');
    expect(await other.lastRun('backup')).toBe('2026-11-30');
    expect(await other.claim('backup', '2026-11-30')).toBe(false);
  });
}

describe('in-memory schedule', () => {
  scheduleStoreContract(async () => {
    const store = createMemoryScheduleStore();
    return { store, other: store, reopen: async () => store };
  });
});

describe('lowdb schedule', () => {
  const tempDir = useTempDirs();
  scheduleStoreContract(async () => {
    const dir = await tempDir();
    const store = await createLowdbScheduleStore(dir);
    return { store, other: store, reopen: () => createLowdbScheduleStore(dir) };
  });
});

describePostgres('PostgreSQL schedule', () => {
  const replicas = usePostgresReplicas(['schedules']);
  scheduleStoreContract(async () => {
    const { a, b } = await replicas();
    return {
      store: createPgScheduleStore(a),
      other: createPgScheduleStore(b),
      reopen: async () => createPgScheduleStore(a),
    };
  });
});
