import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../src/demo.js';
import { createManualClock } from '../../src/lib/clocks.js';
import type { RecordedCall } from '../helpers/fake-slack-api.js';
import { type HttpBot, SIGNING_SECRET as SECRET, startHttpBot } from '../helpers/http-bot.js';
import {
  buttonClick,
  FORM,
  fileShare,
  JSON_TYPE,
  messageShortcut,
  postSigned,
  slashCommand,
  viewSubmission,
} from '../helpers/slack-requests.js';

// What each surface says, in each language: the person's words must appear and the bot's default's must not.
const WORDS = {
  en: {
    escalationForm: 'Escalate to finance',
    badInvoice: 'Enter a 20-digit 数电 number',
    escalated: 'I have escalated this to finance as ESC-',
    likely: 'Likely cause',
    resolveForm: 'Resolution note (sent to the requester)',
    noteRequired: 'Tell the requester what was done.',
    noticeForm: 'Maintenance notice',
    endBeforeStart: 'The end must be after the start',
    notSynced: 'was not synced',
    cannotDownload: 'this file is stored outside Slack',
    apology: 'Sorry, something went wrong on my side',
    requester: 'Requester:',
  },
  zh: {
    escalationForm: '上报财务',
    badInvoice: '请输入 20 位数电号码',
    escalated: '我已将此问题上报财务，编号 ESC-',
    likely: '可能原因',
    resolveForm: '处理说明（会发给申请人）',
    noteRequired: '请告诉申请人做了什么处理。',
    noticeForm: '维护公告',
    endBeforeStart: '结束时间必须晚于开始时间',
    notSynced: '未同步',
    cannotDownload: '这个文件存放在 Slack 之外',
    apology: '抱歉，我这边出了点问题',
    requester: '申请人:',
  },
} as const;

const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const escalationValues = (invoice: string, note: string) => ({
  escalation_invoice: { value: { type: 'plain_text_input', value: invoice } },
  escalation_urgency: { value: { type: 'radio_buttons', selected_option: { value: 'normal' } } },
  escalation_note: { value: { type: 'plain_text_input', value: note } },
});
// A notice that ends before it starts: the form answers with a problem on the end field.
const backwardsNotice = {
  notice_system: { value: { type: 'static_select', selected_option: { value: 'einvoice' } } },
  notice_functions: { value: { type: 'checkboxes', selected_options: [{ value: 'issuing' }] } },
  notice_starts: { value: { type: 'datetimepicker', selected_date_time: at('2026-11-28T22:00:00+08:00') } },
  notice_ends: { value: { type: 'datetimepicker', selected_date_time: at('2026-11-28T21:00:00+08:00') } },
  notice_started: { value: { type: 'checkboxes', selected_options: [] } },
  notice_message_zh: { value: { type: 'plain_text_input', value: '升级' } },
  notice_message_en: { value: { type: 'plain_text_input', value: 'Upgrade' } },
  notice_channels: { value: { type: 'multi_conversations_select', selected_conversations: ['C0ALL'] } },
  notice_reminders: { value: { type: 'checkboxes', selected_options: [] } },
};

// Issue: a person who chose a language with `/invoice lang` gets every screen addressed to them in it, whatever
// BOT_LANGUAGE says — both ways round. Messages several people read (the escalation channel) keep the bot's language.
describe.each([
  { bot: 'en', person: 'zh', user: 'U0ZH' },
  { bot: 'zh', person: 'en', user: 'U0EN' },
] as const)('a $person speaker on a BOT_LANGUAGE=$bot bot over signed HTTP', ({ bot, person, user }) => {
  const said = WORDS[person];
  const notSaid = WORDS[bot];
  let http: HttpBot;
  // Set by the error-reply test: Slack refuses to open the next form (an expired trigger id).
  let refuseForms = false;

  beforeAll(async () => {
    http = await startHttpBot(
      { BOT_LANGUAGE: bot, ADMIN_USERS: user, ESCALATION_CHANNEL: 'C0ESC' },
      createManualClock(DEMO_NOW),
      {
        'views.open': () =>
          refuseForms ? { ok: false, error: 'expired_trigger_id' } : { ok: true, view: { id: 'V0FAKE' } },
      },
    );
    const res = await postSigned(
      http.events,
      slashCommand(`lang ${person}`, `${http.fake.url}/response/lang`, user),
      FORM,
      SECRET,
    );
    expect(res.status).toBe(200);
  });

  afterAll(async () => {
    await http?.close();
  });

  const responseUrl = (name: string) => `${http.fake.url}/response/${name}`;
  async function response(name: string): Promise<string> {
    return JSON.stringify((await http.fake.waitForPath(`/response/${name}`)).params);
  }
  async function openedBy(send: () => Promise<unknown>): Promise<string> {
    const before = http.fake.callsTo('views.open').length;
    await send();
    return JSON.stringify((await http.fake.waitFor('views.open', before + 1)).at(-1)?.params.view);
  }
  async function postsAfter(send: () => Promise<unknown>, count = 1): Promise<RecordedCall[]> {
    const before = http.fake.callsTo('chat.postMessage').length;
    await send();
    return (await http.fake.waitFor('chat.postMessage', before + count)).slice(before);
  }
  const click = (actionId: string, value: string, name: string) =>
    postSigned(http.events, buttonClick(actionId, value, responseUrl(name), user), FORM, SECRET);
  const submit = (callbackId: string, values: Record<string, unknown>, metadata: string, viewId: string) =>
    postSigned(http.events, viewSubmission(callbackId, values, user, metadata, viewId), FORM, SECRET);

  it('opens the escalation form in their language, answers its problems and files it in it', async () => {
    const form = await openedBy(() => click('invoice_escalate', 'D26112000000000100010', 'escalate'));
    expect(form).toContain(said.escalationForm);
    expect(form).not.toContain(notSaid.escalationForm);
    const refused = await submit('escalation_form', escalationValues('not an invoice', ''), '', 'V0BAD');
    expect(refused.body).toContain(said.badInvoice);
    expect(refused.body).not.toContain(notSaid.badInvoice);
    const sent = await postsAfter(
      () => submit('escalation_form', escalationValues('26112000000000100010', 'waiting'), '', 'V0OK'),
      2,
    );
    const dm = sent.find((c) => c.params.channel === user);
    expect(String(dm?.params.text)).toContain(said.escalated);
    // The escalation channel is read by several people: its post keeps the bot's language.
    const post = JSON.stringify(sent.find((c) => c.params.channel === 'C0ESC')?.params);
    expect(post).toContain(notSaid.requester);
    expect(post).not.toContain(said.requester);
  });

  it('opens the walk-through’s escalation draft and the message shortcut’s form in their language', async () => {
    await click('invoice_troubleshoot', 'D26112000000000100009', 'walk');
    const escalate = (JSON.parse(await response('walk')).blocks as Array<{ elements?: Array<{ value: string }> }>)
      .flatMap((b) => b.elements ?? [])
      .find((el) => el.value?.endsWith(':escalate'));
    const draft = await openedBy(() => click('invoice_chk', escalate?.value ?? '', 'walk-escalate'));
    expect(draft).toContain(said.escalationForm);
    expect(draft).toContain(said.likely);
    expect(draft).not.toContain(notSaid.likely);
    const shortcut = await openedBy(() =>
      postSigned(
        http.events,
        messageShortcut('escalate_message', 'Where is 26112000000000100009?', user),
        FORM,
        SECRET,
      ),
    );
    expect(shortcut).toContain(said.escalationForm);
    expect(shortcut).not.toContain(notSaid.escalationForm);
  });

  it('opens a lead’s resolve form in their language and answers its problems in it', async () => {
    const form = await openedBy(() => click('invoice_escact', 'ESC-20261127-001:resolve', 'resolve'));
    expect(form).toContain(said.resolveForm);
    expect(form).not.toContain(notSaid.resolveForm);
    const metadata = String((JSON.parse(form) as { private_metadata: string }).private_metadata);
    const noNote = { escalation_note: { value: { type: 'plain_text_input', value: '' } } };
    const refused = await submit('escalation_action', noNote, metadata, 'V0RESOLVE');
    expect(refused.body).toContain(said.noteRequired);
    expect(refused.body).not.toContain(notSaid.noteRequired);
  });

  it('opens the notice form for an admin in their language and answers its problems in it', async () => {
    const form = await openedBy(() =>
      postSigned(http.events, slashCommand('notice', responseUrl('notice'), user), FORM, SECRET),
    );
    expect(form).toContain(said.noticeForm);
    expect(form).not.toContain(notSaid.noticeForm);
    const refused = await submit('notice_form', backwardsNotice, '', 'V0NOTICE');
    expect(refused.body).toContain(said.endBeforeStart);
    expect(refused.body).not.toContain(notSaid.endBeforeStart);
  });

  it('answers a bad export file, and one it cannot download, in their language', async () => {
    http.fake.serveFile('F0BAD', 'bad.csv', 'not,an,export\n1,2,3');
    const share = (file: string, n: string) => fileShare(user, { id: file, name: `${file}.csv` }, n);
    const [bad] = await postsAfter(() => postSigned(http.events, share('F0BAD', '1'), JSON_TYPE, SECRET));
    expect(JSON.stringify(bad?.params)).toContain(said.notSynced);
    expect(JSON.stringify(bad?.params)).not.toContain(notSaid.notSynced);
    // Not a file Slack hosts (the fake offers no download URL for it): refused by name.
    const [missing] = await postsAfter(() => postSigned(http.events, share('F0GONE', '2'), JSON_TYPE, SECRET));
    expect(String(missing?.params.text)).toContain(said.cannotDownload);
    expect(String(missing?.params.text)).not.toContain(notSaid.cannotDownload);
  });

  it('apologises in their language when something breaks', async () => {
    refuseForms = true;
    try {
      await click('invoice_escalate', 'D26112000000000100010', 'broken');
      const apology = await response('broken');
      expect(apology).toContain(said.apology);
      expect(apology).not.toContain(notSaid.apology);
    } finally {
      refuseForms = false;
    }
  });
});
