import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/lib/clocks.js';
import { createThreadReplyHandler } from '../../src/slack/listeners/messages/thread-reply.js';
import { createMemoryDedupeStore } from '../../src/store/memory-state-stores.js';
import { demoCore, demoPorts, lead } from '../helpers/demo-conversation.js';
import { fakeArgs } from '../helpers/fake-bolt-args.js';

describe('thread relays', () => {
  it('pass on only what finance writes; anyone else is told once, privately, and the requester gets nothing', async () => {
    const { ports, reply, ephemeral } = await escalatedThread('26112000000000100010');
    const dms = () => ports.notifier.sent.filter((s) => s.kind === 'direct' && s.to === 'UDEMOEMP');
    await reply('UMALLORY', 'Your refund is approved, send your bank password to me');
    await reply('UMALLORY', 'again');
    expect(dms()).toEqual([]);
    expect(ephemeral).toHaveLength(1);
    expect(JSON.stringify(ephemeral[0])).toContain('Only finance leads and admins');
    await reply('UFIN', 'Re-issuing now');
    expect(dms().map((d) => d.text)).toEqual([expect.stringContaining('Re-issuing now')]);
  });

  it('tells a refused writer why in the language they chose, not the bot’s', async () => {
    const { ports, reply, ephemeral } = await escalatedThread('26112000000000100010');
    await ports.prefs.setLanguage('UMALLORY', 'zh');
    await reply('UMALLORY', '退款已批准');
    expect(JSON.stringify(ephemeral)).toContain('只有财务负责人和管理员能在这个话题里回复申请人');
    expect(JSON.stringify(ephemeral)).not.toContain('Only finance leads and admins');
  });

  it('names who wrote a relayed reply and as what, in the requester’s language, with a mention only the bot inserts', async () => {
    const { ports, reply } = await escalatedThread();
    await ports.prefs.setLanguage('UDEMOEMP', 'zh');
    await reply('UFIN', 'Re-issuing now <@UBOSS> @{UBOSS}');
    await ports.prefs.setLanguage('UDEMOEMP', 'en');
    await reply('UADM', 'Approved');
    const texts = ports.notifier.sent.filter((s) => s.kind === 'direct' && s.to === 'UDEMOEMP').map((s) => s.text);
    expect(texts[0]).toMatch(/^ESC-\S+——@\{UFIN\}（财务）：Re-issuing now /);
    expect(texts[0]).not.toContain('@{UBOSS}');
    expect(texts[1]).toMatch(/^ESC-\S+ — @\{UADM\}, admin: Approved$/);
  });
});

// The demo requester escalates one of their invoices; the escalation channel's thread is where finance replies.
async function escalatedThread(invoice = '26112000000000100012') {
  const ports = await demoPorts();
  const core = await demoCore(ports, { channel: 'C0ESC' });
  await core.conversation.receive(
    { userId: 'UDEMOEMP', role: 'employee' },
    { kind: 'text', text: `escalate ${invoice}` },
    'command',
  );
  const post = (await ports.escalations.all())[0]?.posts[0];
  const handler = createThreadReplyHandler({
    escalations: core.escalations,
    dedupe: createMemoryDedupeStore(),
    clock: createManualClock(new Date('2026-11-27T07:00:00Z')),
    language: 'en',
    languageOf: core.languageOf,
  } as never);
  const ephemeral: unknown[] = [];
  const reply = async (user: string, text: string) =>
    handler(
      fakeArgs({
        message: { channel: post?.channel, thread_ts: post?.ts, ts: `${Math.random()}`, user, text },
        client: { chat: { postEphemeral: async (m: unknown) => ephemeral.push(m) } },
      }).args,
    );
  return { ports, core, reply, ephemeral };
}

describe('followers who may not see the invoice', () => {
  it('are told claimed, waiting and resolved without finance’s words, which quote amounts and tax ids', async () => {
    const { ports, core, reply } = await escalatedThread();
    const stranger = { userId: 'UOTHER', role: 'employee' } as const;
    await core.conversation.receive(stranger, { kind: 'text', text: 'escalate 26112000000000100012' }, 'command');
    const id = (await ports.escalations.all())[0]?.id ?? '';
    expect((await ports.escalations.all())[0]?.followers).toEqual(['UOTHER']);
    await core.escalations.act(lead, `claim ${id}`, 'en');
    await core.escalations.act(
      lead,
      `waiting ${id} Is the total ¥1,130.00 or 1310.00? Seller 91110105MA01ABCD5F?`,
      'en',
    );
    await reply('UFIN', 'The tax system has ¥1,310.00 for seller 91110105MA01ABCD5F');
    await core.escalations.act(lead, `resolve ${id} entry Corrected 1130.00 to ¥1,310.00`, 'en');
    const dmsTo = (user: string) =>
      ports.notifier.sent.filter((s) => s.kind === 'direct' && s.to === user).map((s) => s.text);
    const sensitive = /1,?130\.00|1,?310\.00|91110105MA01ABCD5F/;
    const follower = dmsTo('UOTHER');
    expect(follower).toEqual([
      expect.stringContaining('picked up'),
      expect.stringContaining('waiting on the requester'),
      expect.stringContaining('is resolved'),
    ]);
    for (const text of follower) expect(text).not.toMatch(sensitive);
    // The requester may see the invoice: finance's words reach them whole.
    expect(dmsTo('UDEMOEMP').filter((t) => sensitive.test(t))).toHaveLength(3);
  });
});
