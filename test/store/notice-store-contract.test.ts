import { describe, expect, it } from 'vitest';
import type { NoticeStore } from '../../src/ports.js';
import { createLowdbNoticeStore } from '../../src/store/lowdb-notice-store.js';
import { createMemoryNoticeStore } from '../../src/store/memory-state-stores.js';
import { createPgNoticeStore } from '../../src/store/postgres/pg-notice-store.js';
import { describePostgres } from '../helpers/postgres.js';
import { noticeFixture as notice } from '../helpers/state-fixtures.js';
import { type StoreHandles, usePostgresReplicas } from '../helpers/store-handles.js';
import { useTempDirs } from '../helpers/temp-dir.js';

/** The behaviour every notice store promises through the port, whatever keeps the bytes. */
function noticeStoreContract(fresh: () => Promise<StoreHandles<NoticeStore>>): void {
  it('keeps notices as they were saved, in the order they were made, across a restart', async () => {
    const { store, reopen } = await fresh();
    const policy = notice({
      id: 'NTC-2',
      kind: 'policy',
      policy: { invoiceKinds: ['digital'] },
      endsAt: '2026-11-28T14:00:00.000Z',
      createdAt: '2026-11-27T08:00:00.000Z',
    });
    await store.put(notice());
    await store.put(policy);
    expect(await store.get('NTC-2')).toEqual(policy);
    const reopened = await reopen();
    expect(await reopened.all()).toEqual([notice(), policy]);
    expect(await reopened.get('NTC-404')).toBeUndefined();
    // Saving again replaces the notice wholesale.
    await reopened.put(notice({ channels: ['C0OTHER'] }));
    expect((await (await reopen()).get('NTC-1'))?.channels).toEqual(['C0OTHER']);
  });

  it('changes a notice on what is stored now, and leaves an unknown one alone', async () => {
    const { store, other } = await fresh();
    await store.put(notice());
    const read = await store.get('NTC-1');
    await other.update('NTC-1', (current) => ({ ...current, status: 'in_progress', done: ['start'] }));
    const stale = await store.update('NTC-1', (current) => (current === read ? { ...current, done: [] } : undefined));
    expect(stale).toMatchObject({ status: 'in_progress', done: ['start'] });
    expect(await store.update('NTC-404', (current) => ({ ...current, done: ['start'] }))).toBeUndefined();
    expect(await store.get('NTC-404')).toBeUndefined();
  });

  it('loses no lifecycle step when many are taken at once on two replicas', async () => {
    const { store, other } = await fresh();
    await store.put(notice());
    const steps = Array.from({ length: 40 }, (_, i) => `reminder:${i}`);
    const results = await Promise.all(
      steps.map((step, i) =>
        (i % 2 ? other : store).update('NTC-1', (current) =>
          // Each step is taken once: a step already done changes nothing.
          current.done.includes(step) ? undefined : { ...current, done: [...current.done, step] },
        ),
      ),
    );
    expect(results.every((r) => r !== undefined)).toBe(true);
    expect(new Set((await store.get('NTC-1'))?.done)).toEqual(new Set(steps));
  });
}

describe('in-memory notice store', () => {
  noticeStoreContract(async () => {
    const store = createMemoryNoticeStore();
    return { store, other: store, reopen: async () => store };
  });
});

describe('lowdb notice store', () => {
  const tempDir = useTempDirs();
  noticeStoreContract(async () => {
    const dir = await tempDir();
    const store = await createLowdbNoticeStore(dir);
    return { store, other: store, reopen: () => createLowdbNoticeStore(dir) };
  });
});

describePostgres('PostgreSQL notice store', () => {
  const replicas = usePostgresReplicas(['notices']);
  noticeStoreContract(async () => {
    const { a, b } = await replicas();
    const store = createPgNoticeStore(a);
    return { store, other: createPgNoticeStore(b), reopen: async () => createPgNoticeStore(a) };
  });
});
