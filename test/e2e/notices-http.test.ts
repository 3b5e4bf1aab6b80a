import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEMO_NOW } from '../../src/demo.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { type RunningBot, startBot } from '../../src/main.js';
import { loadDemoData } from '../helpers/demo-data-dir.js';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.js';
import {
  ackedMessage,
  eventCallback,
  FORM,
  JSON_TYPE,
  postSigned,
  slashCommand,
  viewSubmission,
} from '../helpers/slack-requests.js';

const SECRET = 'notice-signing-secret';
const ADMIN = 'U0ADMIN';
const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function formValues(overrides: { starts?: number; ends?: number; en?: string; zh?: string; channels?: string[] } = {}) {
  return {
    notice_system: { value: { type: 'static_select', selected_option: { value: 'einvoice' } } },
    notice_functions: {
      value: { type: 'checkboxes', selected_options: [{ value: 'issuing' }, { value: 'delivery' }] },
    },
    notice_starts: {
      value: { type: 'datetimepicker', selected_date_time: overrides.starts ?? at('2026-11-28T22:00:00+08:00') },
    },
    notice_ends: {
      value: { type: 'datetimepicker', selected_date_time: overrides.ends ?? at('2026-11-29T06:00:00+08:00') },
    },
    notice_started: { value: { type: 'checkboxes', selected_options: [] } },
    notice_message_zh: { value: { type: 'plain_text_input', value: overrides.zh ?? '电子发票服务平台升级' } },
    notice_message_en: {
      value: { type: 'plain_text_input', value: overrides.en ?? 'E-invoice platform <!channel> upgrade' },
    },
    notice_channels: {
      value: {
        type: 'multi_conversations_select',
        selected_conversations: overrides.channels ?? ['C0FIN', 'C0FAIL', 'C0ALL'],
      },
    },
    notice_reminders: { value: { type: 'checkboxes', selected_options: [{ value: '1440' }, { value: '60' }] } },
  };
}

describe('notices over signed HTTP (modal, preview, paced delivery)', () => {
  let fake: FakeSlackApi;
  let bot: RunningBot;
  let events: string;
  let dataDir: string;

  beforeAll(async () => {
    fake = await startFakeSlackApi({
      'chat.postMessage': (p) =>
        p.channel === 'C0FAIL'
          ? { ok: false, error: 'not_in_channel' }
          : { ok: true, channel: p.channel, ts: `${Date.now() / 1000}` },
    });
    dataDir = await mkdtemp(join(tmpdir(), 'invoice-desk-notices-'));
    await loadDemoData(dataDir);
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-notice-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${fake.url}/api/`,
      DATA_DIR: dataDir,
      ADMIN_USERS: ADMIN,
      ANNOUNCE_CHANNELS: 'C0FIN',
    };
    bot = await startBot({ ...loadConfig(env), port: 0 }, { clock: createManualClock(DEMO_NOW), log: () => {} });
    events = `http://127.0.0.1:${bot.port}/slack/events`;
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('opens the form for admins only', async () => {
    const refused = await postSigned(
      events,
      slashCommand('notice', `${fake.url}/response/refused`, 'U0HUMAN'),
      FORM,
      SECRET,
    );
    expect(JSON.stringify(ackedMessage(refused))).toContain('only admins');
    await postSigned(events, slashCommand('notice', `${fake.url}/response/form`, ADMIN), FORM, SECRET);
    const [open] = await fake.waitFor('views.open');
    const view = open?.params.view as {
      callback_id: string;
      blocks: Array<{ block_id: string; element: { initial_conversations?: string[] } }>;
    };
    expect(view.callback_id).toBe('notice_form');
    expect(view.blocks.find((b) => b.block_id === 'notice_channels')?.element.initial_conversations).toEqual(['C0FIN']);
  });

  it('shows every validation error in the form and posts nothing', async () => {
    const bad = formValues({ ends: at('2026-11-28T21:00:00+08:00'), en: '', zh: '', channels: [] });
    const res = await postSigned(events, viewSubmission('notice_form', bad, ADMIN), FORM, SECRET);
    const body = JSON.parse(res.body) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors).sort()).toEqual(['notice_channels', 'notice_ends', 'notice_message_zh']);
    expect(body.errors.notice_ends).toContain('The end must be after the start');
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('refuses a form submitted by someone who is not an admin', async () => {
    const res = await postSigned(events, viewSubmission('notice_form', formValues(), 'U0HUMAN'), FORM, SECRET);
    expect(JSON.parse(res.body)).toMatchObject({
      response_action: 'errors',
      errors: { notice_system: expect.stringContaining('only admins') },
    });
  });

  it('previews, then sends to every channel, reports the failing one to the admin, and escapes the message', async () => {
    const res = await postSigned(events, viewSubmission('notice_form', formValues(), ADMIN), FORM, SECRET);
    const preview = JSON.parse(res.body) as {
      response_action: string;
      view: { callback_id: string; private_metadata: string; blocks: unknown[] };
    };
    expect(preview.response_action).toBe('update');
    // The draft stays on the server: only its id travels, far inside Slack's 3,000-character limit.
    expect(preview.view.private_metadata).toMatch(/^[0-9a-f-]{36}$/);
    expect(preview.view.callback_id).toBe('notice_preview');
    expect(JSON.stringify(preview.view.blocks)).toContain('2026-11-28 22:00 – 2026-11-29 06:00');
    expect(fake.callsTo('chat.postMessage')).toEqual([]);

    const started = Date.now();
    await postSigned(
      events,
      viewSubmission('notice_preview', {}, ADMIN, preview.view.private_metadata, 'V0PREVIEW'),
      FORM,
      SECRET,
    );
    const posts = await fake.waitFor('chat.postMessage', 4);
    // C0FAIL answers not_in_channel; the channels after it are still posted to, then the admin gets the report.
    expect(posts.map((p) => p.params.channel)).toEqual(['C0FIN', 'C0FAIL', 'C0ALL', ADMIN]);
    const announcement = JSON.stringify(posts[0]?.params.blocks);
    expect(announcement).toContain('电子发票服务平台升级');
    expect(announcement).not.toContain('<!channel>');
    const report = JSON.stringify(posts[3]?.params.blocks);
    expect(report).toContain('Posted to 2 channel(s); 1 failed');
    expect(report).toContain('C0FAIL: not_in_channel');
    expect(Date.now() - started).toBeLessThan(5000);

    // The same submission again (a re-delivery) posts nothing more.
    await postSigned(
      events,
      viewSubmission('notice_preview', {}, ADMIN, preview.view.private_metadata, 'V0PREVIEW'),
      FORM,
      SECRET,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsTo('chat.postMessage')).toHaveLength(4);
  });

  it('posts nothing for a preview whose draft id it does not know, and says why', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    await postSigned(events, viewSubmission('notice_preview', {}, ADMIN, '{"forged":true}', 'V0UNKNOWN'), FORM, SECRET);
    const posts = await fake.waitFor('chat.postMessage', before + 1);
    expect(posts.slice(before).map((p) => p.params.channel)).toEqual([ADMIN]);
    expect(JSON.stringify(posts[before]?.params)).toContain('This preview is no longer available');
  });

  it('lists the notice for everyone and shows it at the top of the App Home', async () => {
    const res = await postSigned(events, slashCommand('notices', `${fake.url}/response/list`, 'U0HUMAN'), FORM, SECRET);
    expect(JSON.stringify(ackedMessage(res))).toContain('E-invoice platform');
    await postSigned(
      events,
      eventCallback({ type: 'app_home_opened', user: 'U0HUMAN', channel: 'D0HUMAN', tab: 'home' }, 'EvHomeNotice'),
      JSON_TYPE,
      SECRET,
    );
    const [home] = await fake.waitFor('views.publish');
    expect(JSON.stringify(home?.params.view)).toMatch(/Maintenance windows, active and upcoming:.*2026-11-28 22:00/);
  });

  it('answers in an announcement’s thread in the languages the notice was written in, whatever the bot’s language', async () => {
    // A Chinese-only notice, sent by the form, then extended with the command: the thread reply is Chinese only.
    const form = formValues({ en: '', zh: '开票功能暂停', channels: ['C0FIN'] });
    const res = await postSigned(events, viewSubmission('notice_form', form, ADMIN), FORM, SECRET);
    const draft = (JSON.parse(res.body) as { view: { private_metadata: string } }).view.private_metadata;
    const before = fake.callsTo('chat.postMessage').length;
    await postSigned(events, viewSubmission('notice_preview', {}, ADMIN, draft, 'V0ZHONLY'), FORM, SECRET);
    const sent = (await fake.waitFor('chat.postMessage', before + 2)).slice(before);
    expect(sent.map((p) => p.params.channel)).toEqual(['C0FIN', ADMIN]);
    // The announcement itself is framed in Chinese only: title, when, affects and status.
    const announced = JSON.stringify(sent[0]?.params);
    expect(announced).toContain('系统维护');
    expect(announced).not.toContain('Maintenance:');
    const zhOnly = /(NTC-[\w-]+)/.exec(JSON.stringify(sent[1]?.params))?.[1] ?? '';
    const bilingual = fake
      .callsTo('chat.postMessage')
      .map((p) => /(NTC-[\w-]+)/.exec(JSON.stringify(p.params))?.[1])
      .find((id) => id !== undefined && id !== zhOnly);
    expect(zhOnly).toMatch(/^NTC-/);
    expect(bilingual).toMatch(/^NTC-/);

    const replyAfter = async (id: string, text: string) => {
      const n = fake.callsTo('chat.postMessage').length;
      await postSigned(
        events,
        slashCommand(`notice ${text.replace('ID', id)}`, `${fake.url}/response/x`, ADMIN),
        FORM,
        SECRET,
      );
      const posts = await fake.waitFor('chat.postMessage', n + 1);
      const reply = posts.slice(n).find((p) => p.params.thread_ts !== undefined);
      return JSON.stringify(reply?.params);
    };
    const zh = await replyAfter(zhOnly, 'extend ID 2026-11-29T08:00');
    expect(zh).toContain('已延长至 2026-11-29 08:00');
    expect(zh).not.toContain('Extended until');
    const both = await replyAfter(bilingual ?? '', 'extend ID 2026-11-29T07:00');
    expect(both).toContain('已延长至 2026-11-29 07:00');
    expect(both).toContain('Extended until 2026-11-29 07:00');
  });
});
