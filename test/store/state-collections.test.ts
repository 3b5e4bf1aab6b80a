import { describe, expect, it } from 'vitest';
import type { ChecklistSession } from '../../src/domain/checklist-session.js';
import type { Escalation } from '../../src/domain/escalation.js';
import { createChecklistCollection, createEscalationCollection } from '../../src/store/state-collections.js';
import { escalationFixture, sessionFixture } from '../helpers/state-fixtures.js';

function session(id: string, overrides: Partial<ChecklistSession> = {}): ChecklistSession {
  return sessionFixture({ id, userId: 'U1', invoiceKey: `D2611200000000010000${id.slice(-1)}`, ...overrides });
}

describe('createChecklistCollection', () => {
  it('routes a typed answer to the walk-through that asked most recently', async () => {
    const store = createChecklistCollection(
      [
        session('CHK-1', { awaiting: 'day', updatedAt: '2026-11-27T07:00:00.000Z' }),
        session('CHK-2', { awaiting: 'total', updatedAt: '2026-11-27T08:00:00.000Z' }),
      ],
      async () => {},
    );
    expect((await store.awaiting('U1'))?.id).toBe('CHK-2');
    expect(await store.awaiting('U2')).toBeUndefined();
  });

  it('prunes walk-throughs last touched before a moment, saving once, and only when something went', async () => {
    const saved: unknown[] = [];
    const store = createChecklistCollection(
      [session('CHK-1', { status: 'solved', updatedAt: '2026-08-01T00:00:00.000Z' }), session('CHK-2')],
      async (change, all) => {
        saved.push({ ...change, all: [...all()].map((s) => s.id) });
      },
    );
    expect(await store.prune(new Date('2026-09-01T00:00:00Z'))).toBe(1);
    expect(await store.prune(new Date('2026-09-01T00:00:00Z'))).toBe(0);
    expect(saved).toEqual([{ drop: ['CHK-1'], all: ['CHK-2'] }]);
    expect(await store.get('CHK-1')).toBeUndefined();
  });

  it('updates one item on what is stored now, saves only a real change, and ignores unknown ids', async () => {
    const saved: unknown[] = [];
    const store = createChecklistCollection([session('CHK-1')], async (change) => {
      saved.push(change.put?.map((s) => s.position));
    });
    const read = await store.get('CHK-1');
    await store.update('CHK-1', (current) => ({ ...current, position: 1 }));
    // A change computed on the stale copy is refused by the identity check, the current one wins.
    const stale = await store.update('CHK-1', (current) =>
      current === read ? { ...current, position: 9 } : undefined,
    );
    expect(stale?.position).toBe(1);
    expect(await store.update('CHK-404', (current) => current)).toBeUndefined();
    expect(saved).toEqual([[1]]);
  });
});

describe('createEscalationCollection', () => {
  it('answers who is waited on and which escalation a message is without reading the unrelated ones', async () => {
    // Escalations of other people and threads, each counting how often any of its fields is read.
    let reads = 0;
    const watched = (e: Escalation) =>
      new Proxy(e, {
        get(target, key, receiver) {
          reads += 1;
          return Reflect.get(target, key, receiver);
        },
      });
    const others = Array.from({ length: 500 }, (_, i) =>
      watched(
        escalationFixture({
          id: `ESC-20261127-${String(i + 10).padStart(3, '0')}`,
          invoiceKey: `D261120000000001${String(i).padStart(5, '0')}`,
          requester: `U0OTHER${i}`,
          followers: [`U0FOLLOW${i}`],
          status: 'waiting',
          posts: [{ channel: 'C0FIN', ts: `${i + 10}.1` }],
        }),
      ),
    );
    const mine = escalationFixture({
      id: 'ESC-20261127-001',
      requester: 'U0EMP',
      followers: ['U0BO'],
      status: 'waiting',
      posts: [{ channel: 'C0FIN', ts: '1.1' }],
    });
    const store = createEscalationCollection([...others, mine], async () => {});
    reads = 0;
    expect((await store.waitingOn('U0BO'))?.id).toBe('ESC-20261127-001');
    expect(await store.waitingOn('U0NOBODY')).toBeUndefined();
    expect((await store.byPost('C0FIN', '1.1'))?.id).toBe('ESC-20261127-001');
    expect(await store.byPost('C0FIN', '9999.1')).toBeUndefined();
    expect(reads).toBe(0);
    // A follower added later is found too, and one who left is not.
    await store.update('ESC-20261127-001', (current) => ({ ...current, followers: ['U0NEW'] }));
    expect((await store.waitingOn('U0NEW'))?.id).toBe('ESC-20261127-001');
    expect(await store.waitingOn('U0BO')).toBeUndefined();
  });
});
