import { describe, expect, it } from 'vitest';
import { demoCore, demoPorts, textOf } from '../helpers/demo-conversation.js';

const employee = { userId: 'UDEMOEMP', role: 'employee' as const };
const admin = { userId: 'UADM', role: 'admin' as const };

// Two cores over the same ports are what two replicas on one database are: each follow-up below lands on the other
// one, which knows about the first message only through the shared conversation memory.
async function twoReplicas() {
  const ports = await demoPorts();
  return { ports, a: await demoCore(ports), b: await demoCore(ports) };
}

describe('conversation memory shared by replicas', () => {
  it('starts the walk-through from "I still can’t see it" after a lookup answered by the other replica', async () => {
    const { a, b } = await twoReplicas();
    await a.conversation.receive(employee, { kind: 'text', text: '26112000000000100006' }, 'dm');
    const followUp = await b.conversation.receive(employee, { kind: 'text', text: "I still can't see it" }, 'dm');
    expect(textOf(followUp)).toContain('Issuing this invoice failed');
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
});
