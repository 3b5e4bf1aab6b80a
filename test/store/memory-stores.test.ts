import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/lib/clocks.js';
import { createMemoryStores } from '../../src/store/memory-stores.js';

describe('createMemoryStores', () => {
  const clock = createManualClock(new Date('2026-11-27T07:00:00Z'));

  it('gives each caller its own empty set: what one bot stores, another does not see', async () => {
    const one = createMemoryStores(clock);
    const two = createMemoryStores(clock);
    await one.prefs.setLanguage('UALICE', 'zh');
    await one.schedule.markRun('digest', '2026-11-27');
    await one.memory.set('k', 'v', 60_000);
    await one.audit.record({ at: clock.now().toISOString(), user: 'UALICE', action: 'lookup' });
    expect(await one.prefs.language('UALICE')).toBe('zh');
    expect(await two.prefs.language('UALICE')).toBeUndefined();
    expect(await two.schedule.lastRun('digest')).toBeUndefined();
    expect(await two.memory.get('k')).toBeUndefined();
    expect(one.audit.entries).toHaveLength(1);
    expect(two.audit.entries).toEqual([]);
    expect(await two.escalations.all()).toEqual([]);
    expect(await two.deductions.all()).toEqual([]);
  });

  it('times the conversation memory by the clock it is given', async () => {
    const stores = createMemoryStores(clock);
    await stores.memory.set('k', 'v', 60_000);
    clock.set(new Date('2026-11-27T07:02:00Z'));
    expect(await stores.memory.get('k')).toBeUndefined();
  });
});
