import { describe, expect, it } from 'vitest';
import type { CorePorts } from '../../src/ports.js';
import { createPgConversationMemory } from '../../src/store/postgres/pg-conversation-memory.js';
import { createPgPrefsStore } from '../../src/store/postgres/pg-prefs-store.js';
import { demoCore, demoPorts, textOf } from '../helpers/demo-conversation.js';
import { describePostgres } from '../helpers/postgres.js';
import { usePostgresReplicas } from '../helpers/store-handles.js';

const employee = { userId: 'UDEMOEMP', role: 'employee' as const };
const admin = { userId: 'UADM', role: 'admin' as const };

type Replicas = { ports: CorePorts; a: Awaited<ReturnType<typeof demoCore>>; b: Awaited<ReturnType<typeof demoCore>> };

// Two cores over the same ports are what two replicas on one database are: each follow-up below lands on the other
// one, which knows about the first message only through the shared conversation memory.
async function twoReplicas(): Promise<Replicas> {
  const ports = await demoPorts();
  return { ports, a: await demoCore(ports, { idPrefix: 'A' }), b: await demoCore(ports, { idPrefix: 'B' }) };
}

function sharedMemoryCases(twoReplicas: () => Promise<Replicas>): void {
  it('starts the walk-through from "I still can’t see it" after a lookup answered by the other replica', async () => {
    const { a, b } = await twoReplicas();
    await a.conversation.receive(employee, { kind: 'text', text: '26112000000000100006' }, 'dm');
    const followUp = await b.conversation.receive(employee, { kind: 'text', text: "I still can't see it" }, 'dm');
    expect(textOf(followUp)).toContain('Issuing this invoice failed');
  });

  it('starts one walk-through when the same check reaches both replicas at the same instant', async () => {
    const { ports, a, b } = await twoReplicas();
    const answers = await Promise.all(
      [a, b].map((core) =>
        core.conversation.receive(employee, { kind: 'text', text: 'check 26112000000000100006' }, 'command'),
      ),
    );
    expect((await ports.sessions.all()).filter((s) => s.status === 'active')).toHaveLength(1);
    expect(answers.map(textOf).filter((t) => t.includes('Step 1/'))).not.toHaveLength(0);
  });

  it('treats an id as the answer to "which invoice?" asked by the other replica', async () => {
    const { a, b } = await twoReplicas();
    expect(textOf(await a.conversation.receive(employee, { kind: 'text', text: 'check' }, 'command'))).toContain(
      'Which invoice should we troubleshoot?',
    );
    const answer = await b.conversation.receive(employee, { kind: 'text', text: 'it is 26112000000000100005' }, 'dm');
    expect(textOf(answer)).toContain('It has not been issued yet');
  });

  it('answers a button click in the language the user last wrote in on the other replica', async () => {
    const { a, b } = await twoReplicas();
    await a.conversation.receive(employee, { kind: 'text', text: '发票 26112000000000100008 怎么查不到' }, 'dm');
    const click = await b.conversation.receive(
      employee,
      { kind: 'choice', choiceId: 'lookup:D26112000000000100008' },
      'dm',
    );
    // The card's title and the "Did this solve it?" after it, both in Chinese.
    expect(textOf(click)).toBe('发票 26112000000000100008\n问题解决了吗？');
  });

  it('sends a notice previewed on one replica when Send is clicked on the other, once', async () => {
    const { ports, a, b } = await twoReplicas();
    const preview = await a.conversation.receive(
      admin,
      { kind: 'text', text: 'notice schedule 2026-11-27T16:00..2026-11-27T18:00 issuing Upgrade' },
      'command',
    );
    const send = preview.flatMap((r) => (r.kind === 'choices' ? r.choices : [])).find((c) => c.label === 'Send');
    expect(send).toBeDefined();
    const clicks = await Promise.all(
      [a, b].map((core) => core.conversation.receive(admin, { kind: 'choice', choiceId: send?.id ?? '' }, 'command')),
    );
    expect(clicks.map(textOf).filter((t) => t.includes('is scheduled'))).toHaveLength(1);
    expect(await ports.notices.all()).toHaveLength(1);
  });
}

describe('conversation memory shared by replicas (one process)', () => {
  sharedMemoryCases(twoReplicas);
});

describePostgres('conversation memory shared by replicas (PostgreSQL, two pools on one schema)', () => {
  const replicas = usePostgresReplicas(['conversation_memory', 'preferences']);
  // Each replica has its own pool for the conversation memory and preferences; nothing else they share matters here.
  sharedMemoryCases(async () => {
    const { a, b } = await replicas();
    const ports = await demoPorts();
    const on = (pool: typeof a) => ({
      ...ports,
      memory: createPgConversationMemory(pool, ports.clock),
      prefs: createPgPrefsStore(pool),
    });
    return { ports, a: await demoCore(on(a), { idPrefix: 'A' }), b: await demoCore(on(b), { idPrefix: 'B' }) };
  });
});
