import { describe, expect, it } from 'vitest';
import type { ScheduleStore } from '../../src/ports.js';
import { createLowdbScheduleStore } from '../../src/store/lowdb-schedule-store.js';
import { createMemoryScheduleStore } from '../../src/store/memory-state-stores.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();

// The same contract for every adapter: `claim` is what lets replicas sharing one database run a job once. `open`
// returns the store and a way to open it again as after a restart (the in-memory one is simply the same object).
const adapters: Array<[string, () => Promise<{ schedule: ScheduleStore; reopen: () => Promise<ScheduleStore> }>]> = [
  [
    'in memory',
    async () => {
      const schedule = createMemoryScheduleStore();
      return { schedule, reopen: async () => schedule };
    },
  ],
  [
    'lowdb',
    async () => {
      const dir = await tempDir();
      return { schedule: await createLowdbScheduleStore(dir), reopen: () => createLowdbScheduleStore(dir) };
    },
  ],
];

describe.each(adapters)('ScheduleStore.claim (%s)', (_name, open) => {
  it('gives a slot to exactly one of two claims made at once, and the next slot again to one', async () => {
    const { schedule, reopen } = await open();
    const first = await Promise.all([schedule.claim('digest', '2026-11-30'), schedule.claim('digest', '2026-11-30')]);
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(await schedule.lastRun('digest')).toBe('2026-11-30');
    expect(await schedule.claim('digest', '2026-11-30')).toBe(false);
    const next = await Promise.all([schedule.claim('digest', '2026-12-01'), schedule.claim('digest', '2026-12-01')]);
    expect(next.filter(Boolean)).toHaveLength(1);
    // Each job has its own slots, and a claim lasts across a restart.
    expect(await schedule.claim('weekly-check', '2026-11-30')).toBe(true);
    const again = await reopen();
    expect(await again.lastRun('digest')).toBe('2026-12-01');
    expect(await again.claim('digest', '2026-12-01')).toBe(false);
  });

  it('keeps markRun unconditional, and a marked slot cannot be claimed', async () => {
    const { schedule } = await open();
    await schedule.markRun('backup', '2026-11-30');
    expect(await schedule.lastRun('backup')).toBe('2026-11-30');
    expect(await schedule.claim('backup', '2026-11-30')).toBe(false);
  });
});
