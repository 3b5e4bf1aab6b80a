import { describe, expect, it } from 'vitest';
import type { ChecklistSession } from '../../src/domain/checklist-session.js';
import { createChecklistCollection } from '../../src/store/state-collections.js';
import { sessionFixture } from '../helpers/state-fixtures.js';

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
