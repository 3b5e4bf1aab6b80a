import { describe, expect, it } from 'vitest';
import type { GreetingStore } from '../../src/ports.js';
import { createLowdbGreetingStore } from '../../src/store/lowdb-greeting-store.js';
import { createMemoryGreetingStore } from '../../src/store/memory-question-log.js';
import { createPgGreetingStore } from '../../src/store/postgres/pg-greeting-store.js';
import { describePostgres } from '../helpers/postgres.js';
import { type StoreHandles, usePostgresReplicas } from '../helpers/store-handles.js';
import { useTempDirs } from '../helpers/temp-dir.js';

/** The behaviour every greeting store promises through the port, whatever keeps the bytes. */
function greetingStoreContract(fresh: () => Promise<StoreHandles<GreetingStore>>): void {
  it('greets each person once, on any replica and after a restart', async () => {
    const { store, other, reopen } = await fresh();
    expect(await store.firstVisit('U1')).toBe(true);
    expect(await other.firstVisit('U1')).toBe(false);
    expect(await other.firstVisit('U2')).toBe(true);
    const reopened = await reopen();
    expect([await reopened.firstVisit('U1'), await reopened.firstVisit('U2')]).toEqual([false, false]);
  });

  it('greets once when many first visits arrive at once on two replicas', async () => {
    const { store, other } = await fresh();
    const first = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? other : store).firstVisit('U9')));
    expect(first.filter(Boolean)).toHaveLength(1);
  });
}

describe('in-memory greetings', () => {
  greetingStoreContract(async () => {
    const store = createMemoryGreetingStore();
    return { store, other: store, reopen: async () => store };
  });
});

describe('lowdb greetings', () => {
  const tempDir = useTempDirs();
  greetingStoreContract(async () => {
    const dir = await tempDir();
    const store = await createLowdbGreetingStore(dir);
    return { store, other: store, reopen: () => createLowdbGreetingStore(dir) };
  });
});

describePostgres('PostgreSQL greetings', () => {
  const replicas = usePostgresReplicas(['greeted_users']);
  greetingStoreContract(async () => {
    const { a, b } = await replicas();
    return {
      store: createPgGreetingStore(a),
      other: createPgGreetingStore(b),
      reopen: async () => createPgGreetingStore(a),
    };
  });
});
