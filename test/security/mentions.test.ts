import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import type { Reply } from '../../src/flows/reply.js';
import { catalogFor } from '../../src/i18n/catalog-for.js';
import { toSlackText } from '../../src/lib/mrkdwn.js';
import { importRecords } from '../../src/services/import-records.js';
import { buildReplyMessage } from '../../src/slack/blocks/build-reply-message.js';
import { createDirectMessageHandler } from '../../src/slack/listeners/messages/direct-message.js';
import { createFileUploadHandler } from '../../src/slack/listeners/messages/file-upload.js';
import { createThreadReplyHandler } from '../../src/slack/listeners/messages/thread-reply.js';
import { createEscalationActionFormHandler } from '../../src/slack/listeners/views/escalation-action.js';
import { createEscalationFormHandler } from '../../src/slack/listeners/views/escalation-form.js';
import { readNoticeForm } from '../../src/slack/notice-form.js';
import { demoCore, demoPorts, lead } from '../helpers/demo-conversation.js';
import { fakeArgs, recordingConversation, slackDeps } from '../helpers/fake-bolt-args.js';
import { startFakeSlackApi } from '../helpers/fake-slack-api.js';
import { createMemoryInbox } from '../helpers/memory-inbox.js';
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

  it('in what the Slack forms carry: the escalation note, a question, a resolution, a notice and its link', async () => {
    const ports = await demoPorts();
    const core = await demoCore(ports, { channel: 'C0ESC', admins: ['UADM'] });
    const deps = { ...(await slackDeps(recordingConversation().conversation)), escalations: core.escalations };
    const submit = async (handler: (args: never) => Promise<void>, user: string, view: Record<string, unknown>) => {
      const form = fakeArgs({
        body: { user: { id: user } },
        view: { id: `V${Math.random()}`, hash: 'h', private_metadata: '{}', ...view },
        client: { chat: { postMessage: async () => ({ ok: true }) } },
      });
      await handler(form.args);
      expect(form.calls.ackBodies, JSON.stringify(form.calls.ackBodies)).toEqual([undefined]);
    };
    const typed = (text: string) => ({ value: { value: text } });
    await submit(createEscalationFormHandler(deps), 'UDEMOEMP', {
      state: { values: { escalation_invoice: typed('26112000000000100010'), escalation_note: typed(`note ${form}`) } },
    });
    const [first] = await ports.escalations.all();
    const act = createEscalationActionFormHandler(deps);
    const meta = (id: string | undefined, action: string) => JSON.stringify({ id, action });
    await submit(act, 'UFIN', {
      private_metadata: meta(first?.id, 'waiting'),
      state: { values: { action_question: typed(`which total? ${form}`) } },
    });
    await submit(act, 'UFIN', {
      private_metadata: meta(first?.id, 'resolve'),
      state: {
        values: {
          action_cause: { value: { selected_option: { value: 'other' } } },
          action_note: typed(`done ${form}`),
        },
      },
    });
    const draft = readNoticeForm({
      notice_kind: { value: { selected_option: { value: 'policy' } } },
      notice_invoice_kinds: { value: { selected_options: [{ value: 'digital' }] } },
      notice_link: typed(`https://example.com/${form}`),
      notice_starts: { value: { selected_date_time: Date.parse('2026-12-01T00:00:00Z') / 1000 } },
      notice_message_en: typed(`New rule ${form}`),
      notice_message_zh: typed(`新规 ${form}`),
      notice_channels: { value: { selected_conversations: ['C0ANNOUNCE'] } },
    });
    await core.notices.send({ userId: 'UADM', role: 'admin' }, draft, catalogFor('en'));
    const sent = ports.notifier.sent.map((s) => toSlackText(s.text));
    for (const what of ['note', 'which total?', 'done', 'New rule', '新规', 'https://example.com/'])
      expect(
        sent.some((t) => t.includes(what)),
        what,
      ).toBe(true);
    for (const text of sent) expect(text).not.toMatch(PINGS);
  });

  it('in a lead’s reply in the thread of the escalation copy in their DM (no escalation channel)', async () => {
    const ports = await demoPorts();
    const core = await demoCore(ports);
    const deps = { ...(await slackDeps(recordingConversation().conversation)), escalations: core.escalations };
    await core.conversation.receive(owner, { kind: 'text', text: 'escalate 26112000000000100010' }, 'command');
    const copy = (await ports.escalations.all())[0]?.posts.find((p) => p.channel.startsWith('DUFIN'));
    const reply = fakeArgs({
      message: {
        channel_type: 'im',
        channel: copy?.channel,
        thread_ts: copy?.ts,
        ts: '9.9',
        user: 'UFIN',
        text: `on it ${form}`,
      },
    });
    await createDirectMessageHandler(deps)(reply.args);
    const relayed = ports.notifier.sent.filter((s) => s.to === 'UDEMOEMP').map((s) => toSlackText(s.text));
    expect(relayed.some((t) => t.includes('on it'))).toBe(true);
    for (const text of relayed) expect(text).not.toMatch(PINGS);
  });
});

// A finance lead's upload whose file name carries every form; the name is repeated in every answer about the file.
const FILE_NAMES = ['<!channel>@{UEVIL}<@U123>', '<!here><!subteam^S0EVIL>@{U123}'];
const NAMED_PINGS = /<@UEVIL>|<@U123>|<!here>|<!channel>|<!subteam\^/;
const csv = (...rows: string[][]) => [[...LEDGER_COLUMNS], ...rows].map((r) => r.join(',')).join('\n');

describe.each(FILE_NAMES)('a shared file named %s pings nobody', (stem) => {
  it.each([
    [
      'imported',
      '.csv',
      csv(ledgerRow({ digital_number: '26112000000000199998', requester: '' })),
      {},
      'Synced 1 file',
    ],
    ['refused by the sync', '.csv', csv(ledgerRow({ total: 'lots' })), {}, 'Nothing was synced'],
    [
      'refused for the cells it quotes',
      '.csv',
      csv(ledgerRow({ requester: '@{UEVIL}', total: '<!channel>' })),
      {},
      'UEVIL',
    ],
    ['not an export', '.txt', 'hello', {}, 'only .csv and .xlsx'],
    ['stored outside Slack', '.csv', '', { is_external: true }, 'stored outside Slack'],
  ])('when it is %s', async (_case, ext, content, info, expected) => {
    const name = `${stem}${ext}`;
    const files = await startFakeSlackApi();
    try {
      files.serveFile('F0NAMED', name, content);
      const deps = { ...(await slackDeps(recordingConversation().conversation)), apiUrl: `${files.url}/api/` };
      const client = {
        files: {
          info: async () => ({
            file: { id: 'F0NAMED', name, url_private_download: `${files.url}/files/F0NAMED`, ...info },
          }),
        },
      };
      const upload = fakeArgs({
        message: { channel_type: 'im', subtype: 'file_share', user: 'UFIN', files: [{ id: 'F0NAMED', name }] },
        client,
      });
      await createFileUploadHandler(deps)(upload.args);
      const said = JSON.stringify(upload.calls.say);
      expect(upload.calls.say).toHaveLength(1);
      expect(said).toContain(expected);
      // The name is still there for the lead to recognise, only defused.
      expect(said).toContain('&lt;');
      expect(said).not.toMatch(NAMED_PINGS);
    } finally {
      await files.close();
    }
  });
});

describe.each(FILE_NAMES)('a file dropped into the inbox as %s pings nobody', (stem) => {
  it('in the sync report, synced or refused', async () => {
    const inbox = createMemoryInbox();
    const core = await demoCore(await demoPorts({ inbox }));
    const cells = (row: string[]) => [[...LEDGER_COLUMNS], row];
    inbox.drop(`${stem}.csv`, 'ledger', cells(ledgerRow({ digital_number: '26112000000000199997' })));
    inbox.drop(`${stem}-2.csv`, 'ledger', cells(ledgerRow({ total: 'lots' })));
    const report = slackText(await core.conversation.receive(lead, { kind: 'text', text: 'sync' }, 'command'));
    expect(report).toContain('Synced 1 file');
    expect(report).toContain('was not synced');
    expect(report).not.toMatch(NAMED_PINGS);
  });
});
