import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/lib/clocks.js';
import { createThreadReplyHandler } from '../../src/slack/listeners/messages/thread-reply.js';
import { createMemoryDedupeStore } from '../../src/store/memory-state-stores.js';
import { demoCore, demoPorts } from '../helpers/demo-conversation.js';
import { fakeArgs } from '../helpers/fake-bolt-args.js';

describe('thread relays', () => {
  it('pass on only what finance writes; anyone else is told once, privately, and the requester gets nothing', async () => {
    const ports = await demoPorts();
    const core = await demoCore(ports, { channel: 'C0ESC' });
    await core.conversation.receive(
      { userId: 'UDEMOEMP', role: 'employee' },
      { kind: 'text', text: 'escalate 26112000000000100010' },
      'command',
    );
    const post = ports.escalations.all()[0]?.posts[0];
    const handler = createThreadReplyHandler({
      escalations: core.escalations,
      dedupe: createMemoryDedupeStore(),
      clock: createManualClock(new Date('2026-11-27T07:00:00Z')),
      language: 'en',
    } as never);
    const ephemeral: unknown[] = [];
    const reply = async (user: string, text: string) =>
      handler(
        fakeArgs({
          message: { channel: post?.channel, thread_ts: post?.ts, ts: `${Math.random()}`, user, text },
          client: { chat: { postEphemeral: async (m: unknown) => ephemeral.push(m) } },
        }).args,
      );
    const dms = () => ports.notifier.sent.filter((s) => s.kind === 'direct' && s.to === 'UDEMOEMP');
    await reply('UMALLORY', 'Your refund is approved, send your bank password to me');
    await reply('UMALLORY', 'again');
    expect(dms()).toEqual([]);
    expect(ephemeral).toHaveLength(1);
    expect(JSON.stringify(ephemeral[0])).toContain('Only finance leads and admins');
    await reply('UFIN', 'Re-issuing now');
    expect(dms().map((d) => d.text)).toEqual([expect.stringContaining('Re-issuing now')]);
  });
});
