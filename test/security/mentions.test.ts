import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import type { Reply } from '../../src/flows/reply.js';
import { toSlackText } from '../../src/lib/mrkdwn.js';
import { importRecords } from '../../src/services/import-records.js';
import { buildReplyMessage } from '../../src/slack/blocks/build-reply-message.js';
import { createThreadReplyHandler } from '../../src/slack/listeners/messages/thread-reply.js';
import { demoCore, demoPorts, lead } from '../helpers/demo-conversation.js';
import { fakeArgs } from '../helpers/fake-bolt-args.js';
import { LEDGER_COLUMNS, ledgerRow, rowsOf } from '../helpers/rows.js';

// Every way a person could try to ping someone through text the bot repeats.
const FORMS = ['<@UEVIL>', '@{UEVIL}', '<!here>', '<!channel>', '<!subteam^S0EVIL>'];
const PINGS = /<@UEVIL>|<!here>|<!channel>|<!subteam\^/;

const owner: Actor = { userId: 'UDEMOEMP', role: 'employee' };
const admin: Actor = { userId: 'UADM', role: 'admin' };

/** What Slack would receive: channel posts and DMs as the notifier renders them, replies as blocks and text. */
function slackText(replies: Reply[]): string {
  return JSON.stringify(buildReplyMessage(replies));
}

describe.each(FORMS)('user text never pings anyone: %s', (form) => {
  it('in notes, waiting relays, thread relays, resolution notes and notice texts', async () => {
    const ports = await demoPorts();
    const core = await demoCore(ports, { channel: 'C0ESC', admins: ['UADM'] });
    const say = (actor: Actor, text: string, surface: 'command' | 'dm' = 'command') =>
      core.conversation.receive(actor, { kind: 'text', text }, surface);
    const replies: Reply[] = [];
    replies.push(...(await say(owner, `escalate 26112000000000100010 urgent ${form} look at this`)));
    const id = (await ports.escalations.all())[0]?.id ?? '';
    replies.push(...(await say(lead, `escalation waiting ${id} please send the scan ${form}`)));
    replies.push(...(await say(owner, `here is the scan ${form}`, 'dm')));
    // A lead answers in the escalation's thread, through the real listener.
    const post = (await ports.escalations.all())[0]?.posts[0];
    const thread = fakeArgs({
      message: { channel: post?.channel, thread_ts: post?.ts, ts: '9.9', user: 'UFIN', text: `thanks ${form}` },
    });
    await createThreadReplyHandler({ escalations: core.escalations } as never)(thread.args);
    replies.push(...(await say(lead, `escalation resolve ${id} sync fixed ${form}`)));
    replies.push(
      ...(await say(admin, `notice schedule 2026-11-27T16:00..2026-11-27T18:00 issuing Upgrade ${form} tonight`)),
    );
    const sent = ports.notifier.sent.map((s) => toSlackText(s.text));
    expect(sent.length).toBeGreaterThan(5);
    for (const text of [...sent, slackText(replies)]) expect(text).not.toMatch(PINGS);
    // The ids the bot itself inserts still mention: the requester on the escalation post.
    expect(sent.find((t) => t.includes(id))).toContain('<@UDEMOEMP>');
  });

  it('in imported company names', async () => {
    const ports = await demoPorts();
    const row = ledgerRow({ digital_number: '26112000000000199999', buyer_name: `乙客户 ${form}`, requester: 'UFIN' });
    const imported = await importRecords(
      { store: ports.store, clock: ports.clock, zone: 'Asia/Shanghai' },
      { source: 'ledger', file: 'ledger.csv', rows: rowsOf([[...LEDGER_COLUMNS], row]) },
    );
    expect(imported.ok).toBe(true);
    const core = await demoCore(ports);
    const found = await core.conversation.receive(lead, { kind: 'text', text: 'find 乙客户' }, 'command');
    const card = await core.conversation.receive(lead, { kind: 'text', text: '26112000000000199999' }, 'command');
    expect(slackText(found)).toContain('26112000000000199999');
    expect(slackText([...found, ...card])).not.toMatch(PINGS);
  });
});
