import { describe, expect, it } from 'vitest';
import type { ChecklistStore } from '../../src/ports.js';
import { createLowdbChecklistStore } from '../../src/store/lowdb-checklist-store.js';
import { createMemoryChecklistStore } from '../../src/store/memory-state-stores.js';
import { createPgChecklistStore } from '../../src/store/postgres/pg-checklist-store.js';
import { describePostgres } from '../helpers/postgres.js';
import { sessionFixture as session } from '../helpers/state-fixtures.js';
import { type StoreHandles, usePostgresReplicas } from '../helpers/store-handles.js';
import { useTempDirs } from '../helpers/temp-dir.js';

/** The behaviour every walk-through store promises through the port, whatever keeps the bytes. */
function checklistStoreContract(fresh: () => Promise<StoreHandles<ChecklistStore>>): void {
  it('keeps a walk-through as it was saved, across a restart', async () => {
    const { store, reopen } = await fresh();
    const saved = session({ awaiting: 'day', answers: { day: '2026-11-20' }, transcript: ['问：开票日期？'] });
    await store.put(saved);
    expect(await store.get('CHK-1')).toEqual(saved);
    const reopened = await reopen();
    expect(await reopened.get('CHK-1')).toEqual(saved);
    expect(await reopened.all()).toEqual([saved]);
    expect(await reopened.get('CHK-404')).toBeUndefined();
  });

  it('finds a user’s active walk-through for an invoice, and the one waiting for a typed answer', async () => {
    const { store } = await fresh();
    await store.put(session({ id: 'CHK-1', awaiting: 'day', updatedAt: '2026-11-27T07:00:00.000Z' }));
    await store.put(
      session({
        id: 'CHK-2',
        invoiceKey: 'D26112000000000100002',
        awaiting: 'total',
        updatedAt: '2026-11-27T08:00:00.000Z',
      }),
    );
    await store.put(session({ id: 'CHK-3', invoiceKey: 'D26112000000000100003', status: 'solved' }));
    await store.put(session({ id: 'CHK-4', userId: 'U0OTHER', invoiceKey: 'D26112000000000100003' }));
    expect((await store.active('U0EMP', 'D26112000000000100001'))?.id).toBe('CHK-1');
    expect(await store.active('U0EMP', 'D26112000000000100003')).toBeUndefined();
    expect((await store.active('U0OTHER', 'D26112000000000100003'))?.id).toBe('CHK-4');
    // The most recently touched of the two waiting for an answer.
    expect((await store.awaiting('U0EMP'))?.id).toBe('CHK-2');
    expect(await store.awaiting('U0OTHER')).toBeUndefined();
    await store.update('CHK-2', ({ awaiting: _a, ...rest }) => rest);
    expect((await store.awaiting('U0EMP'))?.id).toBe('CHK-1');
  });

  it('changes a walk-through on what is stored now, and leaves an unknown one alone', async () => {
    const { store, other } = await fresh();
    await store.put(session());
    const read = await store.get('CHK-1');
    await other.update('CHK-1', (current) => ({ ...current, position: 1 }));
    // A change that insists on the stale copy finds the stored one instead, and so changes nothing.
    const stale = await store.update('CHK-1', (current) =>
      current === read ? { ...current, position: 9 } : undefined,
    );
    expect(stale?.position).toBe(1);
    expect(await store.update('CHK-404', (current) => ({ ...current, position: 5 }))).toBeUndefined();
    expect(await store.get('CHK-404')).toBeUndefined();
  });

  it('loses no change when many are made at once on two replicas', async () => {
    const { store, other } = await fresh();
    await store.put(session());
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    await Promise.all(
      lines.map((line, i) =>
        (i % 2 ? other : store).update('CHK-1', (current) => ({
          ...current,
          transcript: [...current.transcript, line],
        })),
      ),
    );
    expect(new Set((await store.get('CHK-1'))?.transcript)).toEqual(new Set(lines));
  });

  it('starts one active walk-through per user and invoice when many start at once on two replicas', async () => {
    const { store, other } = await fresh();
    const starts = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? other : store).begin(session({ id: `CHK-${i + 1}` }))),
    );
    const won = starts.filter((s) => s.started);
    expect(won).toHaveLength(1);
    // Every caller is told which one is active.
    expect(new Set(starts.map((s) => s.active.id))).toEqual(new Set([won[0]?.active.id]));
    expect((await store.all()).map((s) => s.id)).toEqual([won[0]?.active.id]);
    // Another invoice, or another user, is a walk-through of its own; once the active one ended, a new one starts.
    expect((await other.begin(session({ id: 'CHK-20', invoiceKey: 'D26112000000000100002' }))).started).toBe(true);
    expect((await other.begin(session({ id: 'CHK-21', userId: 'U0OTHER' }))).started).toBe(true);
    await store.update(won[0]?.active.id ?? '', (current) => ({ ...current, status: 'solved' }));
    expect(await other.begin(session({ id: 'CHK-22' }))).toMatchObject({ started: true, active: { id: 'CHK-22' } });
  });

  it('prunes walk-throughs last touched before a moment, and counts them', async () => {
    const { store, reopen } = await fresh();
    await store.put(session({ id: 'CHK-1', status: 'solved', updatedAt: '2026-08-01T00:00:00.000Z' }));
    // One active walk-through per user and invoice: the idle one is about another invoice.
    await store.put(
      session({ id: 'CHK-2', invoiceKey: 'D26112000000000100002', updatedAt: '2026-08-31T23:59:59.000Z' }),
    );
    await store.put(session({ id: 'CHK-3', updatedAt: '2026-09-01T00:00:00.000Z' }));
    const cut = new Date('2026-09-01T00:00:00Z');
    expect(await store.prune(cut)).toBe(2);
    expect(await store.prune(cut)).toBe(0);
    expect((await (await reopen()).all()).map((s) => s.id)).toEqual(['CHK-3']);
  });
}

describe('in-memory walk-through store', () => {
  checklistStoreContract(async () => {
    const store = createMemoryChecklistStore();
    return { store, other: store, reopen: async () => store };
  });
});

describe('lowdb walk-through store', () => {
  const tempDir = useTempDirs();
  checklistStoreContract(async () => {
    const dir = await tempDir();
    const store = await createLowdbChecklistStore(dir);
    return { store, other: store, reopen: () => createLowdbChecklistStore(dir) };
  });
});

describePostgres('PostgreSQL walk-through store', () => {
  const replicas = usePostgresReplicas(['checklist_sessions']);
  checklistStoreContract(async () => {
    const { a, b } = await replicas();
    const store = createPgChecklistStore(a);
    return { store, other: createPgChecklistStore(b), reopen: async () => createPgChecklistStore(a) };
  });
});
