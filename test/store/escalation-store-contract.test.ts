import { describe, expect, it } from 'vitest';
import { SecondOpenEscalationError } from '../../src/domain/second-open-escalation-error.js';
import type { EscalationStore } from '../../src/ports.js';
import { createLowdbEscalationStore } from '../../src/store/lowdb-escalation-store.js';
import { createMemoryEscalationStore } from '../../src/store/memory-state-stores.js';
import { createPgEscalationStore } from '../../src/store/postgres/pg-escalation-store.js';
import { describePostgres } from '../helpers/postgres.js';
import { escalationFixture as escalation } from '../helpers/state-fixtures.js';
import { type StoreHandles, usePostgresReplicas } from '../helpers/store-handles.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const OTHER_INVOICE = 'D26112000000000100002';
const DAY = 'ESC-20261127-';

// What filing asks of the store: a new escalation by `user`, or `user` following the invoice's open one.
function fileBy(store: EscalationStore, user: string, invoiceKey = 'D26112000000000100001', prefix = DAY) {
  return store.file({
    invoiceKey,
    prefix,
    create: (id) => escalation({ id, invoiceKey, requester: user }),
    follow: (open) =>
      open.requester === user || open.followers.includes(user)
        ? undefined
        : { ...open, followers: [...open.followers, user] },
  });
}

/** The behaviour every escalation store promises through the port, whatever keeps the bytes. */
function escalationStoreContract(fresh: () => Promise<StoreHandles<EscalationStore>>): void {
  it('keeps escalations as they were saved, in the order they were filed, across a restart', async () => {
    const { store, reopen } = await fresh();
    // An urgent one with its filing deadline (a provisional one: no official table for its year), beside one saved
    // before escalations carried a filing or urgency reason, which must still load as it was.
    const first = escalation({
      posts: [{ channel: 'C0FIN', ts: '1764208800.000100' }],
      autoUrgent: true,
      filing: { period: '2026-12', due: '2027-01-15', official: false, direction: 'issued', daysLeft: 3 },
    });
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

  it('finds the newest escalation waiting on a person, and the escalation posted as a message', async () => {
    const { store, other } = await fresh();
    const post = (channel: string, ts: string) => ({ channel, ts });
    await store.put(escalation({ status: 'waiting', posts: [post('C0FIN', '1.1'), post('D0LEAD', '1.2')] }));
    await store.put(
      escalation({
        id: 'ESC-20261127-002',
        invoiceKey: OTHER_INVOICE,
        requester: 'U0BO',
        followers: ['U0EMP'],
        status: 'waiting',
        createdAt: '2026-11-27T03:00:00.000Z',
        posts: [post('C0FIN', '2.1')],
      }),
    );
    await store.put(
      escalation({
        id: 'ESC-20261127-003',
        invoiceKey: 'D26112000000000100003',
        createdAt: '2026-11-27T04:00:00.000Z',
      }),
    );
    expect((await other.waitingOn('U0EMP'))?.id).toBe('ESC-20261127-002');
    expect((await other.waitingOn('U0BO'))?.id).toBe('ESC-20261127-002');
    expect(await other.waitingOn('U0NOBODY')).toBeUndefined();
    await store.update('ESC-20261127-002', (current) => ({ ...current, status: 'claimed' }));
    expect((await other.waitingOn('U0EMP'))?.id).toBe('ESC-20261127-001');
    expect(await other.waitingOn('U0BO')).toBeUndefined();
    expect((await other.byPost('D0LEAD', '1.2'))?.id).toBe('ESC-20261127-001');
    expect((await other.byPost('C0FIN', '2.1'))?.id).toBe('ESC-20261127-002');
    // Both the channel and the ts must match.
    expect(await other.byPost('C0FIN', '1.2')).toBeUndefined();
    expect(await other.byPost('C0OTHER', '2.1')).toBeUndefined();
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

  it('refuses a change that would make a second open escalation for an invoice, and changes nothing', async () => {
    const { store, other } = await fresh();
    await store.put(escalation({ status: 'resolved' }));
    await store.put(escalation({ id: 'ESC-20261127-002', createdAt: '2026-11-27T03:00:00.000Z' }));
    await expect(other.update('ESC-20261127-001', (current) => ({ ...current, status: 'open' }))).rejects.toThrow(
      SecondOpenEscalationError,
    );
    expect((await store.get('ESC-20261127-001'))?.status).toBe('resolved');
    // Once the newer one is closed, the older one can be reopened.
    await store.update('ESC-20261127-002', (current) => ({ ...current, status: 'duplicate' }));
    expect(await other.update('ESC-20261127-001', (current) => ({ ...current, status: 'open' }))).toMatchObject({
      status: 'open',
    });
  });

  it('files a new escalation under the day’s next number, and makes a second filer a follower of it', async () => {
    const { store, other, reopen } = await fresh();
    await store.put(escalation({ id: 'ESC-20261126-007', status: 'resolved', createdAt: '2026-11-26T02:00:00.000Z' }));
    await store.put(escalation({ id: 'ESC-20261127-002', invoiceKey: OTHER_INVOICE, status: 'resolved' }));
    const created = await fileBy(store, 'U0ANA');
    expect(created).toEqual({ created: escalation({ id: 'ESC-20261127-003', requester: 'U0ANA' }) });
    const followed = await fileBy(other, 'U0BO');
    expect(followed).toEqual({
      followed: { ...escalation({ id: 'ESC-20261127-003', requester: 'U0ANA' }), followers: ['U0BO'] },
    });
    // Asking again changes nothing, and says which escalation it is.
    expect(await fileBy(other, 'U0ANA')).toEqual(followed);
    const stored = await (await reopen()).all();
    expect(stored.map((e) => e.id)).toEqual(['ESC-20261126-007', 'ESC-20261127-002', 'ESC-20261127-003']);
    expect(stored[2]?.followers).toEqual(['U0BO']);
    // A new day starts at 001; an invoice whose escalation was resolved gets a new one.
    expect(await fileBy(store, 'U0CY', OTHER_INVOICE, 'ESC-20261128-')).toMatchObject({
      created: { id: 'ESC-20261128-001', invoiceKey: OTHER_INVOICE },
    });
  });

  it('makes one open escalation when many people file one invoice at once on two replicas', async () => {
    const { store, other } = await fresh();
    const people = Array.from({ length: 12 }, (_, i) => `U0P${i}`);
    const outcomes = await Promise.all(people.map((p, i) => fileBy(i % 2 ? other : store, p)));
    const created = outcomes.flatMap((o) => ('created' in o ? [o.created] : []));
    expect(created).toHaveLength(1);
    const stored = await store.all();
    expect(stored).toHaveLength(1);
    const [open] = stored;
    // Everyone else follows it, and each was told so by the escalation as stored with them in it.
    expect(new Set([open?.requester, ...(open?.followers ?? [])])).toEqual(new Set(people));
    for (const [i, outcome] of outcomes.entries())
      if ('followed' in outcome) expect(outcome.followed.followers).toContain(people[i]);
    expect(await store.openFor('D26112000000000100001')).toEqual(open);
  });

  it('gives escalations filed at once about different invoices different ids', async () => {
    const { store, other } = await fresh();
    const keys = Array.from({ length: 12 }, (_, i) => `D261120000000001001${String(i).padStart(2, '0')}`);
    const outcomes = await Promise.all(keys.map((key, i) => fileBy(i % 2 ? other : store, 'U0ANA', key)));
    const ids = outcomes.map((o) => ('created' in o ? o.created.id : 'followed'));
    expect(new Set(ids)).toEqual(new Set(keys.map((_, i) => `${DAY}${String(i + 1).padStart(3, '0')}`)));
    expect((await store.all()).map((e) => e.invoiceKey).sort()).toEqual(keys);
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
