import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEMO_NOW } from '../../src/demo.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { type RunningBot, startBot } from '../../src/main.js';
import { loadDemoData } from '../helpers/demo-data-dir.js';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.js';
import { TAX_COLUMNS, taxRow } from '../helpers/rows.js';
import {
  ackedMessage,
  buttonClick,
  eventCallback,
  FORM,
  fileShare,
  JSON_TYPE,
  messageShortcut,
  postSigned,
  postSignedForHeaders,
  slashCommand,
  viewSubmission,
} from '../helpers/slack-requests.js';

const SECRET = 'test-signing-secret';
const TOKEN = 'xoxb-test-bot-token-12345';
const HEALTH_TOKEN = 'health-token-for-the-monitor';

/** A direct message from U0HUMAN to the bot, as the Events API delivers it. */
const dm = (text: string, ts: string, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  channel_type: 'im',
  channel: 'D0HUMAN',
  user: 'U0HUMAN',
  text,
  ts,
  ...extra,
});

describe('HTTP mode end to end (signed requests, fake Web API)', () => {
  let fake: FakeSlackApi;
  let bot: RunningBot;
  let events: string;
  let dataDir: string;
  const logs: string[] = [];

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    dataDir = await mkdtemp(join(tmpdir(), 'invoice-desk-e2e-'));
    await loadDemoData(dataDir);
    const config = loadConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${fake.url}/api/`,
      DATA_DIR: dataDir,
      FINANCE_LEADS: 'U0FIN',
      HEALTH_TOKEN: HEALTH_TOKEN,
    });
    // PORT=0 is not a valid setting for people; tests ask the OS for a free port.
    bot = await startBot({ ...config, port: 0 }, { clock: createManualClock(DEMO_NOW), log: (l) => logs.push(l) });
    events = `http://127.0.0.1:${bot.port}/slack/events`;
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const responseUrl = (name: string) => `${fake.url}/response/${name}`;
  const responsesTo = (name: string) => fake.callsTo('response_url').filter((c) => c.path === `/response/${name}`);

  it('answers url_verification', async () => {
    const res = await postSigned(
      events,
      JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' }),
      JSON_TYPE,
      SECRET,
    );
    expect(res.status).toBe(200);
    expect(res.body).toContain('abc123');
  });

  it.each([
    ['a bad signature', { tamper: true }],
    ['a stale timestamp', { timestampSec: Math.floor(Date.now() / 1000) - 600 }],
    ['a future timestamp', { timestampSec: Math.floor(Date.now() / 1000) + 600 }],
  ])('rejects %s with 401, calls nothing and stores nothing', async (_name, opts) => {
    const before = fake.calls.length;
    const stateBefore = await readdir(join(dataDir, 'state'));
    const body = eventCallback(dm('26112000000000100001', '1.1'), `EvBad${_name.length}`);
    const res = await postSigned(events, body, JSON_TYPE, SECRET, opts);
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 150));
    expect(fake.calls.length).toBe(before);
    expect(await readdir(join(dataDir, 'state'))).toEqual(stateBefore);
  });

  it('answers /invoice help privately in the ack itself', async () => {
    const res = await postSignedForHeaders(events, slashCommand('help', responseUrl('help')), FORM, SECRET);
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/json');
    const reply = ackedMessage(res);
    expect(reply?.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply?.blocks)).toContain('/invoice find');
  });

  it('acts once on a slash command or click replayed with the same signature and body', async () => {
    const now = Math.floor(Date.now() / 1000);
    const command = slashCommand('26112000000000100001', responseUrl('replayed'));
    const first = await postSigned(events, command, FORM, SECRET, { timestampSec: now });
    const again = await postSigned(events, command, FORM, SECRET, { timestampSec: now });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(JSON.stringify(ackedMessage(first)?.blocks)).toContain('26112000000000100001');
    expect(ackedMessage(again)).toBeUndefined();
    const click = buttonClick('invoice_lookup', 'D26112000000000100016', responseUrl('replayed-click'));
    await postSigned(events, click, FORM, SECRET, { timestampSec: now });
    await postSigned(events, click, FORM, SECRET, { timestampSec: now });
    // A new signature (Slack signs each delivery afresh) is a new request.
    await postSigned(events, click, FORM, SECRET, { timestampSec: now - 1 });
    await waitForResponse('replayed-click');
    await new Promise((r) => setTimeout(r, 300));
    expect(responsesTo('replayed')).toHaveLength(0);
    expect(responsesTo('replayed-click')).toHaveLength(2);
  });

  it('answers a form with forged private_metadata politely instead of letting it time out', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    const res = await postSigned(
      events,
      viewSubmission('escalation_action', {}, 'U0FIN', '{"id":', 'V0FORGED'),
      FORM,
      SECRET,
    );
    expect(res.status).toBe(200);
    const posts = await fake.waitFor('chat.postMessage', before + 1);
    expect(posts[before]?.params.channel).toBe('U0FIN');
    expect(String(posts[before]?.params.text)).toContain('I could not read that form');
  });

  it('answers an unknown sub-command with help', async () => {
    const res = await postSigned(events, slashCommand('frobnicate', responseUrl('unknown')), FORM, SECRET);
    expect(String(ackedMessage(res)?.text)).toContain('I don’t know the command “frobnicate”'.replace('’', "'"));
  });

  it('answers a lookup in the ack body with an invoice card and final button ids, and no response_url call', async () => {
    const res = await postSignedForHeaders(
      events,
      slashCommand('26112000000000100010', responseUrl('lookup')),
      FORM,
      SECRET,
    );
    // Written as JSON text by the handler (json-answers.ts), sent as Bolt sends an object body.
    expect(res.contentType).toBe('application/json');
    const reply = ackedMessage(res);
    expect(reply?.response_type).toBe('ephemeral');
    const blocks = JSON.stringify(reply?.blocks);
    expect(blocks).toContain('It should be visible by now');
    expect(blocks).toContain('"action_id":"invoice_troubleshoot"');
    expect(blocks).toContain('"action_id":"invoice_escalate"');
    await new Promise((r) => setTimeout(r, 100));
    expect(responsesTo('lookup')).toEqual([]);
  });

  it('answers a DM in the DM', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    await postSigned(
      events,
      eventCallback(dm('发票 26112000000000100008 怎么查不到', '1700000001.000100'), 'EvDM1'),
      JSON_TYPE,
      SECRET,
    );
    const calls = await fake.waitFor('chat.postMessage', before + 1);
    const post = calls[before];
    expect(post?.params.channel).toBe('D0HUMAN');
    expect(post?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.stringify(post?.params.blocks)).toContain('同步延迟');
  });

  it('answers an @mention in its thread, masking amounts', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    const event = {
      type: 'app_mention',
      channel: 'C0CHAN',
      user: 'U0HUMAN',
      text: '<@U0BOT> where is 26442000000000200003?',
      ts: '1700000002.000200',
    };
    await postSigned(events, eventCallback(event, 'EvMention1'), JSON_TYPE, SECRET);
    const post = (await fake.waitFor('chat.postMessage', before + 1))[before];
    expect(post?.params).toMatchObject({ channel: 'C0CHAN', thread_ts: '1700000002.000200' });
    expect(JSON.stringify(post?.params.blocks)).toContain('¥ ••••');
  });

  it('handles an event re-delivered with X-Slack-Retry-Num only once', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    const body = eventCallback(dm('26112000000000100001', '1700000003.000300'), 'EvRetry1');
    await postSigned(events, body, JSON_TYPE, SECRET);
    await fake.waitFor('chat.postMessage', before + 1);
    const retry = await postSigned(events, body, JSON_TYPE, SECRET, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsTo('chat.postMessage').length).toBe(before + 1);
  });

  it('ignores the bot’s own messages and message edits in DMs', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    await postSigned(
      events,
      eventCallback(
        {
          type: 'message',
          channel_type: 'im',
          channel: 'D0HUMAN',
          bot_id: 'B0BOT',
          user: 'U0BOT',
          text: '26112000000000100001',
          ts: '1.2',
        },
        'EvBot1',
      ),
      JSON_TYPE,
      SECRET,
    );
    await postSigned(
      events,
      eventCallback(
        {
          type: 'message',
          subtype: 'message_changed',
          channel_type: 'im',
          channel: 'D0HUMAN',
          ts: '1.3',
          message: { text: 'x' },
        },
        'EvEdit1',
      ),
      JSON_TYPE,
      SECRET,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsTo('chat.postMessage').length).toBe(before);
  });

  it('ignores an event raised by its own bot user (Bolt’s own-event filter, registered after the slash command)', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    const event = {
      type: 'app_mention',
      channel: 'C0CHAN',
      user: 'U0BOT',
      text: '<@U0BOT> where is 26442000000000200003?',
      ts: '1700000009.000900',
    };
    await postSigned(events, eventCallback(event, 'EvSelfMention1'), JSON_TYPE, SECRET);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsTo('chat.postMessage').length).toBe(before);
  });

  it('looks up a near match when its button is clicked', async () => {
    await postSigned(
      events,
      buttonClick('invoice_lookup', 'D26112000000000100016', responseUrl('click')),
      FORM,
      SECRET,
    );
    const [reply] = await waitForResponse('click');
    expect(reply?.params).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(reply?.params.blocks)).toContain('Invoice 26112000000000100016');
  });

  it('walks through the checklist by clicking its buttons, and answers a stale click', async () => {
    await postSigned(
      events,
      buttonClick('invoice_troubleshoot', 'D26112000000000100001', responseUrl('walk-1')),
      FORM,
      SECRET,
    );
    const [ask] = await waitForResponse('walk-1');
    const askBlocks = JSON.stringify(ask?.params.blocks);
    expect(askBlocks).toContain('Step 3/6 · Entry error');
    expect(askBlocks).toContain('"action_id":"invoice_chk"');
    // The typed answers arrive through the slash command, as a user in a channel would give them.
    const walk2 = await postSigned(events, slashCommand('check 2026-11-12', responseUrl('walk-2')), FORM, SECRET);
    expect(JSON.stringify(ackedMessage(walk2))).toContain('which total');
    const walk3 = await postSigned(events, slashCommand('check 5300', responseUrl('walk-3')), FORM, SECRET);
    const found = ackedMessage(walk3);
    // The asker is not the invoice's requester: the walk-through says which search value is wrong, not the record's.
    expect(JSON.stringify(found?.blocks)).toContain('The issue date you search with (2026-11-12) does not match');
    expect(JSON.stringify(found?.blocks)).not.toContain('2026-11-10');
    const solved = (
      (found?.blocks ?? []) as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>
    )
      .flatMap((b) => b.elements ?? [])
      .find((el) => el.value?.endsWith(':solved'));
    expect(solved).toBeDefined();
    await postSigned(events, buttonClick('invoice_chk', solved?.value ?? '', responseUrl('walk-4')), FORM, SECRET);
    expect(JSON.stringify((await waitForResponse('walk-4'))[0]?.params)).toContain('Glad it is sorted');
    await postSigned(events, buttonClick('invoice_chk', solved?.value ?? '', responseUrl('walk-5')), FORM, SECRET);
    expect(JSON.stringify((await waitForResponse('walk-5'))[0]?.params)).toContain('already closed');
  });

  it('escalates from a card and lets a finance lead claim and resolve it, informing the requester', async () => {
    const click = async (actionId: string, value: string, name: string, user = 'U0HUMAN') => {
      await postSigned(events, buttonClick(actionId, value, responseUrl(name), user), FORM, SECRET);
      return JSON.stringify((await waitForResponse(name))[0]?.params);
    };
    const opened = fake.callsTo('views.open').length;
    await postSigned(
      events,
      buttonClick('invoice_escalate', 'D26112000000000100010', responseUrl('esc-1')),
      FORM,
      SECRET,
    );
    const form = (await fake.waitFor('views.open', opened + 1)).at(-1)?.params.view as {
      callback_id: string;
      blocks: unknown[];
    };
    expect(form.callback_id).toBe('escalation_form');
    expect(JSON.stringify(form.blocks)).toContain('"initial_value":"26112000000000100010"');
    expect(JSON.stringify(form.blocks)).toContain('It should be visible by now');
    const values = (urgency: string, note: string) => ({
      escalation_invoice: { value: { type: 'plain_text_input', value: '26112000000000100010' } },
      escalation_urgency: { value: { type: 'radio_buttons', selected_option: { value: urgency } } },
      escalation_note: { value: { type: 'plain_text_input', value: note } },
    });
    const refused = await postSigned(
      events,
      viewSubmission('escalation_form', values('urgent', ''), 'U0HUMAN', '', 'V0ESC1'),
      FORM,
      SECRET,
    );
    expect(JSON.parse(refused.body)).toMatchObject({
      response_action: 'errors',
      errors: { escalation_note: expect.stringContaining('say why') },
    });
    const posts = fake.callsTo('chat.postMessage').length;
    await postSigned(
      events,
      viewSubmission('escalation_form', values('normal', 'Customer is waiting'), 'U0HUMAN', '', 'V0ESC2'),
      FORM,
      SECRET,
    );
    const sent = (await fake.waitFor('chat.postMessage', posts + 2)).slice(posts);
    expect(sent.map((c) => c.params.channel)).toEqual(['U0FIN', 'U0HUMAN']);
    expect(String(sent[1]?.params.text)).toContain('I have escalated this to finance as ESC-20261127-001');
    const post = sent[0];
    // No ESCALATION_CHANNEL: the post went to each finance lead's DM, with the lead's buttons.
    expect(JSON.stringify(post?.params.blocks)).toContain(
      '"action_id":"invoice_escact","value":"ESC-20261127-001:claim"',
    );
    expect(await click('invoice_escact', 'ESC-20261127-001:claim', 'esc-3')).toContain('only finance leads and admins');
    expect(await click('invoice_escact', 'ESC-20261127-001:claim', 'esc-4', 'U0FIN')).toContain(
      'ESC-20261127-001 is now Claimed',
    );
    const updates = await fake.waitFor('chat.update');
    expect(JSON.stringify(updates.at(-1)?.params.blocks)).toContain('Claimed');
    // Resolve opens a small form: a cause and a note for the requester, which is required.
    const openedBefore = fake.callsTo('views.open').length;
    await postSigned(
      events,
      buttonClick('invoice_escact', 'ESC-20261127-001:resolve', responseUrl('esc-5'), 'U0FIN'),
      FORM,
      SECRET,
    );
    const resolveForm = (await fake.waitFor('views.open', openedBefore + 1)).at(-1)?.params.view as {
      callback_id: string;
      private_metadata: string;
      blocks: unknown[];
    };
    expect(resolveForm.callback_id).toBe('escalation_action');
    // The causes are offered by their translated labels (the walk-through's steps), valued by their codes.
    expect(JSON.stringify(resolveForm.blocks)).toContain(
      '{"text":{"type":"plain_text","text":"Sync delay"},"value":"sync"}',
    );
    const resolveValues = (note: string) => ({
      action_cause: { value: { type: 'static_select', selected_option: { value: 'sync' } } },
      action_note: { value: { type: 'plain_text_input', value: note } },
    });
    const missing = await postSigned(
      events,
      viewSubmission('escalation_action', resolveValues(' '), 'U0FIN', resolveForm.private_metadata, 'V0RES1'),
      FORM,
      SECRET,
    );
    expect(JSON.parse(missing.body)).toMatchObject({
      response_action: 'errors',
      errors: { action_note: expect.any(String) },
    });
    const before = fake.callsTo('chat.postMessage').length;
    await postSigned(
      events,
      viewSubmission(
        'escalation_action',
        resolveValues('Re-synced; it shows now.'),
        'U0FIN',
        resolveForm.private_metadata,
        'V0RES2',
      ),
      FORM,
      SECRET,
    );
    await fake.waitFor('chat.postMessage', before + 3);
    const deadline = Date.now() + 8000;
    while (
      !fake
        .callsTo('chat.postMessage')
        .some((c) => c.params.channel === 'U0FIN' && String(c.params.text).includes('is now Resolved')) &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(
      fake
        .callsTo('chat.postMessage')
        .some(
          (c) => c.params.channel === 'U0FIN' && String(c.params.text).includes('ESC-20261127-001 is now Resolved'),
        ),
    ).toBe(true);
    const toRequester = fake
      .callsTo('chat.postMessage')
      .filter((c) => c.params.channel === 'U0HUMAN')
      .map((c) => String(c.params.text));
    expect(toRequester).toEqual([
      expect.stringContaining('I have escalated this to finance as ESC-20261127-001'),
      'Finance has picked up ESC-20261127-001 and is looking into it.',
      // The cause as its label, never the code `sync`, and the lead's note.
      'ESC-20261127-001 is resolved.\nCause: Sync delay\nRe-synced; it shows now.',
    ]);
  });

  it('escalates a walk-through through the form, carrying every check', async () => {
    await postSigned(
      events,
      buttonClick('invoice_troubleshoot', 'D26112000000000100009', responseUrl('walk-esc-1')),
      FORM,
      SECRET,
    );
    const [step] = await waitForResponse('walk-esc-1');
    const escalate = ((step?.params.blocks ?? []) as Array<{ elements?: Array<{ action_id: string; value: string }> }>)
      .flatMap((b) => b.elements ?? [])
      .find((el) => el.action_id === 'invoice_chk' && el.value.endsWith(':escalate'));
    const opened = fake.callsTo('views.open').length;
    await postSigned(
      events,
      buttonClick('invoice_chk', escalate?.value ?? '', responseUrl('walk-esc-2')),
      FORM,
      SECRET,
    );
    const view = (await fake.waitFor('views.open', opened + 1)).at(-1)?.params.view as {
      callback_id: string;
      private_metadata: string;
      blocks: unknown[];
    };
    expect(view.callback_id).toBe('escalation_form');
    expect(JSON.stringify(view.blocks)).toContain('Sync delay: ⚠️ Likely cause');
    const posts = fake.callsTo('chat.postMessage').length;
    const values = {
      escalation_invoice: { value: { type: 'plain_text_input', value: '26112000000000100009' } },
      escalation_urgency: { value: { type: 'radio_buttons', selected_option: { value: 'normal' } } },
      escalation_note: { value: { type: 'plain_text_input', value: '' } },
    };
    await postSigned(
      events,
      viewSubmission('escalation_form', values, 'U0HUMAN', view.private_metadata, 'V0WALKESC'),
      FORM,
      SECRET,
    );
    const sent = (await fake.waitFor('chat.postMessage', posts + 2)).slice(posts);
    expect(JSON.stringify(sent[0]?.params.blocks)).toContain('Checked before escalating:');
    expect(String(sent[1]?.params.text)).toContain('I have escalated this to finance as ESC-');
  });

  it('opens the escalation form from the message shortcut, with the invoice id found in the message', async () => {
    const opened = fake.callsTo('views.open').length;
    const res = await postSigned(
      events,
      messageShortcut('escalate_message', 'Customer says 发票 26112000000000100009 is missing'),
      FORM,
      SECRET,
    );
    expect(res.status).toBe(200);
    const view = (await fake.waitFor('views.open', opened + 1)).at(-1)?.params.view as {
      callback_id: string;
      blocks: unknown[];
    };
    expect(view.callback_id).toBe('escalation_form');
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"26112000000000100009"');
  });

  it('publishes the App Home when it is opened', async () => {
    await postSigned(
      events,
      eventCallback({ type: 'app_home_opened', user: 'U0HUMAN', channel: 'D0HUMAN', tab: 'home' }, 'EvHome1'),
      JSON_TYPE,
      SECRET,
    );
    const [publish] = await fake.waitFor('views.publish');
    expect(publish?.params.user_id).toBe('U0HUMAN');
    const home = JSON.stringify(publish?.params.view);
    // An employee's Home says how fresh the data is, but not how much the company has (finance only).
    expect(home).toContain('last tax sync');
    expect(home).not.toContain('20 ledger / 17 tax records');
    // The requester's open escalation (from the walk-through above) is on their Home tab, with its SLA badge.
    expect(home).toContain('Your escalations:');
    expect(home).toContain('🟢 ESC-20261127-002');
  });

  it('serves /healthz as { ok, mode } to anyone, and the details only with the health token', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-of-some-length', `Bearer ${TOKEN}`, HEALTH_TOKEN]) {
      const open = await fetch(`http://127.0.0.1:${bot.port}/healthz`, {
        headers: authorization ? { authorization } : {},
      });
      expect(await open.json()).toEqual({ ok: true, mode: 'http' });
    }
    const res = await fetch(`http://127.0.0.1:${bot.port}/healthz`, {
      headers: { authorization: `Bearer ${HEALTH_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      ok: true,
      mode: 'http',
      records: { ledger: 20, tax: 17 },
      lastSync: {
        tax: { from: '2020-06-15', to: '2026-11-26' },
        ledger: { file: 'ledger.csv', rows: 20 },
        stale: false,
        staleAfterHours: 48,
      },
    });
  });

  it('syncs an export a finance lead sends in a DM, downloading it with the bot token', async () => {
    const csv = [
      [...TAX_COLUMNS],
      taxRow({
        数电发票号码: '26112000000000100010',
        开票日期: '2026-11-25 10:00:00',
        购方识别号: '91110106MA05CUTB2F',
        购买方名称: '北京乙客户有限公司',
        金额: '1500.00',
        税额: '90.00',
        价税合计: '1590.00',
      }),
    ]
      .map((r) => r.join(','))
      .join('\n');
    fake.serveFile('F0EXPORT', 'export.csv', csv);
    const share = (user: string, n: string) => fileShare(user, { id: 'F0EXPORT', name: 'export.csv' }, n);
    const before = fake.callsTo('chat.postMessage').length;
    await postSigned(events, share('U0HUMAN', '1'), JSON_TYPE, SECRET);
    const refused = (await fake.waitFor('chat.postMessage', before + 1))[before];
    expect(String(refused?.params.text)).toContain('only finance leads and admins can run a sync');
    expect(fake.callsTo('file_download')).toEqual([]);
    await postSigned(events, share('U0FIN', '2'), JSON_TYPE, SECRET);
    const reply = (await fake.waitFor('chat.postMessage', before + 2))[before + 1];
    expect(fake.callsTo('file_download')[0]?.authorization).toBe(`Bearer ${TOKEN}`);
    const text = JSON.stringify(reply?.params.blocks);
    expect(text).toContain('Synced 1 file(s), 1 rows. A backup was taken first');
    expect(text).toContain('26112000000000100010');
    // The daily backup ran at start; the sync took its own before writing.
    expect((await readdir(join(dataDir, 'backups'))).some((b) => b.endsWith('before-sync'))).toBe(true);
  });

  it('writes structured logs that never contain the token', () => {
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) {
      expect(() => JSON.parse(line)).not.toThrow();
      expect(line).not.toContain(TOKEN);
    }
  });

  async function waitForResponse(name: string) {
    const deadline = Date.now() + 8000;
    while (responsesTo(name).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return responsesTo(name);
  }
});
