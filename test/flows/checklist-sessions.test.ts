import { describe, expect, it } from 'vitest';
import { createLowdbChecklistStore } from '../../src/store/lowdb-checklist-store.js';
import { createMemoryChecklistStore } from '../../src/store/memory-state-stores.js';
import { alice, bob, choicesOf, demoConversation, demoPorts, textOf } from '../helpers/demo-conversation.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const pick = (replies: Parameters<typeof choicesOf>[0], action: string) => {
  const choice = choicesOf(replies).find((c) => c.id.endsWith(`:${action}`));
  if (!choice) throw new Error(`no ${action} choice in ${JSON.stringify(replies)}`);
  return { kind: 'choice' as const, choiceId: choice.id };
};

describe('walk-through sessions', () => {
  const tempDir = useTempDirs();

  it('acts once on a double click and records the outcome once', async () => {
    const sessions = createMemoryChecklistStore();
    const conversation = await demoConversation(await demoPorts({ sessions }));
    const step = await conversation.receive(
      alice,
      { kind: 'choice', choiceId: 'troubleshoot:D26112000000000100008' },
      'dm',
    );
    const solved = pick(step, 'solved');
    expect(textOf(await conversation.receive(alice, solved, 'dm'))).toContain('Glad it is sorted');
    expect(textOf(await conversation.receive(alice, solved, 'dm'))).toContain('already closed (solved)');
    expect(await sessions.all()).toEqual([
      expect.objectContaining({ status: 'solved', endedAtStep: 'sync', invoiceKey: 'D26112000000000100008' }),
    ]);
  });

  it('acts once when two clicks on one step arrive at the same moment', async () => {
    const ports = await demoPorts();
    const conversation = await demoConversation(ports);
    const step = await conversation.receive(
      alice,
      { kind: 'choice', choiceId: 'troubleshoot:D26112000000000100008' },
      'dm',
    );
    for (const action of ['next', 'solved']) {
      const click = pick(
        action === 'next'
          ? step
          : await conversation.receive(alice, { kind: 'choice', choiceId: 'troubleshoot:D26112000000000100008' }, 'dm'),
        action,
      );
      const replies = await Promise.all([
        conversation.receive(alice, click, 'dm'),
        conversation.receive(alice, click, 'dm'),
      ]);
      expect(replies.map(textOf).filter((t) => t.includes('already done'))).toHaveLength(1);
    }
    expect(ports.audit.entries.filter((e) => e.action === 'checklist_solved')).toHaveLength(1);
    expect(await ports.sessions.all()).toEqual([expect.objectContaining({ status: 'solved' })]);
  });

  it('answers a button from an earlier step as already done', async () => {
    const sessions = createMemoryChecklistStore();
    const conversation = await demoConversation(await demoPorts({ sessions }));
    const first = await conversation.receive(
      alice,
      { kind: 'choice', choiceId: 'troubleshoot:D26112000000000100010' },
      'dm',
    );
    const next = pick(first, 'next');
    await conversation.receive(alice, next, 'dm');
    expect(textOf(await conversation.receive(alice, next, 'dm'))).toContain('already done');
  });

  it('does not let one user press another user’s walk-through buttons', async () => {
    const conversation = await demoConversation(await demoPorts());
    const step = await conversation.receive(
      alice,
      { kind: 'choice', choiceId: 'troubleshoot:D26112000000000100008' },
      'dm',
    );
    expect(textOf(await conversation.receive(bob, pick(step, 'solved'), 'dm'))).toContain(
      'cannot find that walk-through',
    );
  });

  it('keeps two users, and one user’s two invoices, apart', async () => {
    const sessions = createMemoryChecklistStore();
    const conversation = await demoConversation(await demoPorts({ sessions }));
    await conversation.receive(alice, { kind: 'text', text: 'check 26112000000000100001' }, 'dm');
    await conversation.receive(bob, { kind: 'text', text: 'check 26112000000000100016' }, 'dm');
    const other = await conversation.receive(alice, { kind: 'text', text: 'check 26112000000000100008' }, 'dm');
    expect(textOf(other)).toContain('Step 2/6 · Sync delay');
    // Alice's typed answer goes to her walk-through that asked, not to Bob's.
    expect(textOf(await conversation.receive(alice, { kind: 'text', text: '2026-11-12' }, 'dm'))).toContain(
      'which total',
    );
    expect((await sessions.all()).filter((s) => s.status === 'active')).toHaveLength(3);
    expect((await sessions.active(bob.userId, 'D26112000000000100016'))?.answers).toEqual({});
  });

  it('survives a restart and resumes where it was', async () => {
    const dir = await tempDir();
    const before = await demoConversation(await demoPorts({ sessions: await createLowdbChecklistStore(dir) }));
    await before.receive(alice, { kind: 'text', text: 'check 26112000000000100001' }, 'dm');
    await before.receive(alice, { kind: 'text', text: '2026-11-10' }, 'dm');
    const after = await demoConversation(await demoPorts({ sessions: await createLowdbChecklistStore(dir) }));
    // The walk-through was waiting for the total; the answer is taken after the restart.
    expect(textOf(await after.receive(alice, { kind: 'text', text: '5300' }, 'dm'))).toContain(
      'Your search matches the record',
    );
    const resumed = await after.receive(alice, { kind: 'text', text: 'check 26112000000000100001' }, 'dm');
    expect(textOf(resumed)).toContain('Picking up where we left off');
  });

  it('closes an idle walk-through as abandoned (expired) and offers a restart', async () => {
    const sessions = createMemoryChecklistStore();
    const { createManualClock } = await import('../../src/lib/clocks.js');
    const { DEMO_NOW } = await import('../../src/demo.js');
    const clock = createManualClock(DEMO_NOW);
    const conversation = await demoConversation(await demoPorts({ sessions, clock }));
    const step = await conversation.receive(
      alice,
      { kind: 'choice', choiceId: 'troubleshoot:D26112000000000100008' },
      'dm',
    );
    clock.advance(25 * 3_600_000);
    const late = await conversation.receive(alice, pick(step, 'next'), 'dm');
    expect(textOf(late)).toContain('expired after 24 hours');
    expect(choicesOf(late)).toEqual([{ id: 'troubleshoot:D26112000000000100008', label: 'Start again' }]);
    expect((await sessions.all())[0]).toMatchObject({ status: 'abandoned', endReason: 'expired' });
  });
});
