import { describe, expect, it } from 'vitest';
import type { EscalationStore } from '../../src/ports.js';
import { createLowdbEscalationStore } from '../../src/store/lowdb-escalation-store.js';
import { createMemoryEscalationStore } from '../../src/store/memory-state-stores.js';
import { createPgEscalationStore } from '../../src/store/postgres/pg-escalation-store.js';
import { describePostgres } from '../helpers/postgres.js';
import { escalationFixture as escalation } from '../helpers/state-fixtures.js';
import { type StoreHandles, usePostgresReplicas } from '../helpers/store-handles.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const OTHER_INVOICE = 'D26112000000000100002';

/** The behaviour every escalation store promises through the port, whatever keeps the bytes. */
function escalationStoreContract(fresh: () => Promise<StoreHandles<EscalationStore>>): void {
  it('keeps escalations as they were saved, in the order they were filed, across a restart', async () => {
    const { store, reopen } = await fresh();
    const first = escalation({ posts: [{ channel: 'C0FIN', ts: '1764208800.000100' }], autoUrgent: true });
    const second = escalation({
      id: 'ESC-20261127-002',
      invoiceKey: OTHER_INVOICE,
      createdAt: '2026-11-27T03:00:00.000Z',
      status: 'resolved',
      resolution: { note: 'Synced again', cause: 'sync' },
    });
    await store.put(first);
    await store.put(second);
    expect(await store.get('ESC-20261127-001')).toEqual(first);
    const reopened = await reopen();
    expect(await reopened.all()).toEqual([first, second]);
    expect(await reopened.get('ESC-20261127-404')).toBeUndefined();
  });

  it('finds the open escalation about an invoice, whichever open state it is in', async () => {
    const { store, other } = await fresh();
    await store.put(escalation({ id: 'ESC-20261126-001', status: 'resolved', createdAt: '2026-11-26T02:00:00.000Z' }));
    expect(await store.openFor('D26112000000000100001')).toBeUndefined();
    await store.put(escalation());
    for (const status of ['open', 'claimed', 'waiting'] as const) {
      await store.update('ESC-20261127-001', (current) => ({ ...current, status }));
      expect((await other.openFor('D26112000000000100001'))?.id).toBe('ESC-20261127-001');
    }
    await store.update('ESC-20261127-001', (current) => ({ ...current, status: 'duplicate' }));
    expect(await other.openFor('D26112000000000100001')).toBeUndefined();
    expect(await other.openFor(OTHER_INVOICE)).toBeUndefined();
  });

  it('changes an escalation on what is stored now, and leaves an unknown one alone', async () => {
    const { store, other } = await fresh();
    await store.put(escalation());
    const read = await store.get('ESC-20261127-001');
    await other.update('ESC-20261127-001', (current) => ({ ...current, status: 'claimed', assignee: 'U0LEAD' }));
    // The second lead's click is decided on the claimed escalation, not on the copy read before.
    const stale = await store.update('ESC-20261127-001', (current) =>
      current === read || current.status === 'open' ? { ...current, assignee: 'U0LATE' } : undefined,
    );
    expect(stale).toMatchObject({ status: 'claimed', assignee: 'U0LEAD' });
    expect(await store.update('ESC-20261127-404', (current) => ({ ...current, status: 'claimed' }))).toBeUndefined();
    expect(await store.get('ESC-20261127-404')).toBeUndefined();
  });

  it('loses no change when many are made at once on two replicas, and lets one claim win', async () => {
    const { store, other } = await fresh();
    await store.put(escalation());
    const leads = Array.from({ length: 40 }, (_, i) => `U0LEAD${i}`);
    await Promise.all(
      leads.map((lead, i) =>
        (i % 2 ? other : store).update('ESC-20261127-001', (current) => ({
          ...current,
          // Only the first claim applies; every click is in the history.
          ...(current.status === 'open' ? { status: 'claimed' as const, assignee: lead } : {}),
          events: [...current.events, { at: '2026-11-27T03:00:00.000Z', by: lead, action: 'claim' as const }],
        })),
      ),
    );
    const stored = await store.get('ESC-20261127-001');
    const clicks = stored?.events.filter((e) => e.action === 'claim').map((e) => e.by);
    expect(new Set(clicks)).toEqual(new Set(leads));
    expect(clicks).toHaveLength(40);
    // The winner is the first click in the history.
    expect(stored?.assignee).toBe(clicks?.[0]);
  });
}

describe('in-memory escalation store', () => {
  escalationStoreContract(async () => {
    const store = createMemoryEscalationStore();
    return { store, other: store, reopen: async () => store };
  });
});

describe('lowdb escalation store', () => {
  const tempDir = useTempDirs();
  escalationStoreContract(async () => {
    const dir = await tempDir();
    const store = await createLowdbEscalationStore(dir);
    return { store, other: store, reopen: () => createLowdbEscalationStore(dir) };
  });
});

describePostgres('PostgreSQL escalation store', () => {
  const replicas = usePostgresReplicas(['escalations']);
  escalationStoreContract(async () => {
    const { a, b } = await replicas();
    const store = createPgEscalationStore(a);
    return { store, other: createPgEscalationStore(b), reopen: async () => createPgEscalationStore(a) };
  });
});
