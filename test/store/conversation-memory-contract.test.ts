import { describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '../../src/lib/clocks.js';
import type { ConversationMemory } from '../../src/ports.js';
import { createMemoryConversationMemory } from '../../src/store/memory-conversation-memory.js';
import { createPgConversationMemory, MEMORY_SWEEP_MS } from '../../src/store/postgres/pg-conversation-memory.js';
import { describePostgres } from '../helpers/postgres.js';
import { type StoreHandles, usePostgresReplicas } from '../helpers/store-handles.js';

const START = new Date('2026-11-27T07:00:00Z');

/**
 * The behaviour every conversation memory promises through the port: entries expire by the clock they are given,
 * and an entry is taken (deleted) by one caller only, whichever replica it runs on.
 */
function conversationMemoryContract(fresh: (clock: ManualClock) => Promise<StoreHandles<ConversationMemory>>): void {
  it('keeps an entry until its time to live has passed, on every replica, then forgets it', async () => {
    const clock = createManualClock(START);
    const { store, other } = await fresh(clock);
    await store.set('lookup:U1', 'D26112000000000100006', 60_000);
    await other.set('lang:U1', 'zh', 120_000);
    clock.advance(59_999);
    expect(await other.get('lookup:U1')).toBe('D26112000000000100006');
    clock.advance(1);
    expect(await other.get('lookup:U1')).toBeUndefined();
    expect(await store.get('lookup:U1')).toBeUndefined();
    expect(await store.get('lang:U1')).toBe('zh');
    // Setting again replaces the value and starts its time to live afresh.
    await store.set('lang:U1', 'en', 120_000);
    clock.advance(100_000);
    expect(await other.get('lang:U1')).toBe('en');
    expect(await other.get('never:set')).toBeUndefined();
  });

  it('keeps a value exactly as given', async () => {
    const { store, other } = await fresh(createManualClock(START));
    const value = JSON.stringify({ kind: 'which', ids: ['D26112000000000100006'], note: '发票 "引号" \\ \n' });
    await store.set('pending:U1', value, 60_000);
    expect(await other.get('pending:U1')).toBe(value);
    await store.set('empty:U1', '', 60_000);
    expect(await other.get('empty:U1')).toBe('');
  });

  it('lets exactly one of many deletes at once on two replicas take a live entry, and none an expired one', async () => {
    const clock = createManualClock(START);
    const { store, other } = await fresh(clock);
    await store.set('draft:1', '{}', 60_000);
    const taken = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? other : store).delete('draft:1')));
    expect(taken.filter(Boolean)).toHaveLength(1);
    expect(await other.get('draft:1')).toBeUndefined();
    await store.set('draft:2', '{}', 60_000);
    clock.advance(60_000);
    expect(await other.delete('draft:2')).toBe(false);
    expect(await store.delete('never:set')).toBe(false);
  });
}

describe('in-process conversation memory', () => {
  conversationMemoryContract(async (clock) => {
    const store = createMemoryConversationMemory(clock);
    return { store, other: store, reopen: async () => store };
  });
});

describePostgres('PostgreSQL conversation memory', () => {
  const replicas = usePostgresReplicas(['conversation_memory']);
  conversationMemoryContract(async (clock) => {
    const { a, b } = await replicas();
    return {
      store: createPgConversationMemory(a, clock),
      other: createPgConversationMemory(b, clock),
      reopen: async () => createPgConversationMemory(a, clock),
    };
  });

  it('survives a restart, and deletes expired rows now and then, not on every write', async () => {
    const { a } = await replicas();
    const clock = createManualClock(START);
    const keys = async () =>
      (await a.query<{ key: string }>('SELECT key FROM conversation_memory ORDER BY key')).rows.map((r) => r.key);
    const memory = createPgConversationMemory(a, clock);
    // The first write sweeps (nothing yet); the next sweep is due MEMORY_SWEEP_MS later.
    await memory.set('short', 'x', 1_000);
    await memory.set('long', 'y', 10 * MEMORY_SWEEP_MS);
    clock.advance(MEMORY_SWEEP_MS / 2);
    await memory.set('new', 'z', 10 * MEMORY_SWEEP_MS);
    // Expired and ignored, but still stored until the next sweep.
    expect(await memory.get('short')).toBeUndefined();
    expect(await keys()).toEqual(['long', 'new', 'short']);
    expect(await createPgConversationMemory(a, clock).get('long')).toBe('y');
    clock.advance(MEMORY_SWEEP_MS / 2);
    await memory.set('later', 'w', 1_000);
    expect(await keys()).toEqual(['later', 'long', 'new']);
  });
});
