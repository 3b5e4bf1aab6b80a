import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/lib/clocks.js';
import { createMemoryConversationMemory } from '../../src/store/memory-conversation-memory.js';

describe('createMemoryConversationMemory', () => {
  it('keeps an entry until its time to live has passed, then forgets it', async () => {
    const clock = createManualClock(new Date('2026-11-27T07:00:00Z'));
    const memory = createMemoryConversationMemory(clock);
    await memory.set('lookup:U1', 'D26112000000000100006', 60_000);
    await memory.set('lang:U1', 'zh', 120_000);
    clock.advance(59_999);
    expect(await memory.get('lookup:U1')).toBe('D26112000000000100006');
    clock.advance(1);
    expect(await memory.get('lookup:U1')).toBeUndefined();
    expect(await memory.get('lang:U1')).toBe('zh');
    // Setting again replaces the value and starts its time to live afresh.
    await memory.set('lang:U1', 'en', 120_000);
    clock.advance(100_000);
    expect(await memory.get('lang:U1')).toBe('en');
  });

  it('lets exactly one of two deletes at once take a live entry, and none an expired one', async () => {
    const clock = createManualClock(new Date('2026-11-27T07:00:00Z'));
    const memory = createMemoryConversationMemory(clock);
    await memory.set('draft:1', '{}', 60_000);
    const taken = await Promise.all([memory.delete('draft:1'), memory.delete('draft:1')]);
    expect(taken.filter(Boolean)).toHaveLength(1);
    await memory.set('draft:2', '{}', 60_000);
    clock.advance(60_000);
    expect(await memory.delete('draft:2')).toBe(false);
  });
});
