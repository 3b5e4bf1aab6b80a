import { describe, expect, it } from 'vitest';
import type { Watch, WatchStore } from '../../src/ports.js';
import { createLowdbWatchStore } from '../../src/store/lowdb-watch-store.js';
import { createMemoryWatchStore } from '../../src/store/memory-state-stores.js';
import { createPgWatchStore } from '../../src/store/postgres/pg-watch-store.js';
import { describePostgres } from '../helpers/postgres.js';
import { type StoreHandles, usePostgresReplicas } from '../helpers/store-handles.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const watch = (userId: string, invoiceKey = 'D26112000000000100008', minute = 0): Watch => ({
  userId,
  invoiceKey,
  createdAt: new Date(Date.UTC(2026, 10, 27, 7, minute)).toISOString(),
});

/** The behaviour every watch store promises through the port, whatever keeps the bytes. */
function watchStoreContract(fresh: () => Promise<StoreHandles<WatchStore>>): void {
  it('keeps one watch per user and invoice, oldest first, across a restart', async () => {
    const { store, other, reopen } = await fresh();
    expect(await store.add(watch('U1', 'D26112000000000100008', 0))).toBe(true);
    expect(await other.add(watch('U1', 'D26112000000000100008', 5))).toBe(false);
    expect(await other.add(watch('U2', 'D26112000000000100008', 1))).toBe(true);
    expect(await store.add(watch('U1', 'D26112000000000100009', 2))).toBe(true);
    expect(await (await reopen()).list()).toEqual([
      watch('U1', 'D26112000000000100008', 0),
      watch('U2', 'D26112000000000100008', 1),
      watch('U1', 'D26112000000000100009', 2),
    ]);
  });

  it('removes a watch for the one caller that removed it, and only that watch', async () => {
    const { store, other, reopen } = await fresh();
    await store.add(watch('U1'));
    await store.add(watch('U2', 'D26112000000000100008', 1));
    expect(await other.remove(watch('U1'))).toBe(true);
    expect(await store.remove(watch('U1'))).toBe(false);
    expect(await store.remove(watch('U3'))).toBe(false);
    expect(await (await reopen()).list()).toEqual([watch('U2', 'D26112000000000100008', 1)]);
  });

  it('lets one of many callers on two replicas remove a watch, and one of them add it again', async () => {
    const { store, other } = await fresh();
    await store.add(watch('U1'));
    const removed = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? other : store).remove(watch('U1'))),
    );
    expect(removed.filter(Boolean)).toHaveLength(1);
    const added = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? other : store).add(watch('U1'))));
    expect(added.filter(Boolean)).toHaveLength(1);
    expect(await other.list()).toEqual([watch('U1')]);
  });
}

describe('in-memory watches', () => {
  watchStoreContract(async () => {
    const store = createMemoryWatchStore();
    return { store, other: store, reopen: async () => store };
  });
});

describe('lowdb watches', () => {
  const tempDir = useTempDirs();
  watchStoreContract(async () => {
    const dir = await tempDir();
    const store = await createLowdbWatchStore(dir);
    return { store, other: store, reopen: () => createLowdbWatchStore(dir) };
  });
});

describePostgres('PostgreSQL watches', () => {
  const replicas = usePostgresReplicas(['watches']);
  watchStoreContract(async () => {
    const { a, b } = await replicas();
    return { store: createPgWatchStore(a), other: createPgWatchStore(b), reopen: async () => createPgWatchStore(a) };
  });
});
