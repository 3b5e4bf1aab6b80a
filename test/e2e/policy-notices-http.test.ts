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

const SECRET = 'policy-signing-secret';
const ADMIN = 'U0ADMIN';
const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);

// The notice form's kind radio, switched: Slack sends block_actions from inside the open modal.
function kindSwitch(kind: string, userId: string): string {
  const payload = {
    type: 'block_actions',
    api_app_id: 'A0APP',
    token: 'legacy',
    trigger_id: '123.456.kind',
    user: { id: userId, username: 'alice', name: 'alice', team_id: 'T0TEAM' },
    team: { id: 'T0TEAM', domain: 'fake' },
    container: { type: 'view', view_id: 'V0FORM' },
    view: { id: 'V0FORM', hash: 'hash-form', type: 'modal', callback_id: 'notice_form', state: { values: {} } },
    actions: [
      {
        type: 'radio_buttons',
        action_id: 'value',
        block_id: 'notice_kind',
        selected_option: { value: kind, text: { type: 'plain_text', text: kind } },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

function policyValues(overrides: { kinds?: string[]; link?: string; en?: string } = {}) {
  return {
    notice_kind: { value: { type: 'radio_buttons', selected_option: { value: 'policy' } } },
    notice_starts: { value: { type: 'datetimepicker', selected_date_time: at('2026-12-01T00:00:00+08:00') } },
    notice_invoice_kinds: {
      value: {
        type: 'checkboxes',
        selected_options: (overrides.kinds ?? ['digital', 'red']).map((value) => ({ value })),
      },
    },
    notice_functions: { value: { type: 'checkboxes', selected_options: [{ value: 'red_letter' }] } },
    notice_message_zh: { value: { type: 'plain_text_input', value: '红字确认单须在 72 小时内确认' } },
    notice_message_en: {
      value: { type: 'plain_text_input', value: overrides.en ?? 'Red-letter forms lapse after 72 hours' },
    },
    notice_link: { value: { type: 'plain_text_input', value: overrides.link ?? 'https://example.gov.cn/red' } },
    notice_channels: { value: { type: 'multi_conversations_select', selected_conversations: ['C0FIN'] } },
  };
}

describe('policy-change notices over signed HTTP (form kind, validation, preview, delivery, lists)', () => {
  let fake: FakeSlackApi;
  let bot: RunningBot;
  let events: string;
  let dataDir: string;

  beforeAll(async () => {
    fake = await startFakeSlackApi({});
    dataDir = await mkdtemp(join(tmpdir(), 'invoice-desk-policy-'));
    await loadDemoData(dataDir);
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-policy-test',
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

  it('redraws the form as a policy-change form when an admin picks that kind, and not for anyone else', async () => {
    await postSigned(events, kindSwitch('policy', 'U0HUMAN'), FORM, SECRET);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.callsTo('views.update')).toEqual([]);
    await postSigned(events, kindSwitch('policy', ADMIN), FORM, SECRET);
    const [update] = await fake.waitFor('views.update');
    expect(update?.params.view_id).toBe('V0FORM');
    expect(update?.params.hash).toBe('hash-form');
    const view = update?.params.view as { title: { text: string }; blocks: Array<{ block_id: string }> };
    expect(view.title.text).toBe('Policy change notice');
    const blocks = view.blocks.map((b) => b.block_id);
    expect(blocks).toContain('notice_invoice_kinds');
    expect(blocks).toContain('notice_link');
    expect(blocks).not.toContain('notice_ends');
  });

  it('shows a missing invoice kind and a bad link in the form, and posts nothing', async () => {
    const res = await postSigned(
      events,
      viewSubmission('notice_form', policyValues({ kinds: [], link: 'example.gov.cn' }), ADMIN),
      FORM,
      SECRET,
    );
    const body = JSON.parse(res.body) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors).sort()).toEqual(['notice_invoice_kinds', 'notice_link']);
    expect(body.errors.notice_link).toContain('https://');
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('previews and sends a policy change, then lists it for everyone and in the App Home', async () => {
    const res = await postSigned(events, viewSubmission('notice_form', policyValues(), ADMIN), FORM, SECRET);
    const preview = JSON.parse(res.body) as { response_action: string; view: { private_metadata: string } };
    expect(preview.response_action).toBe('update');
    const shown = JSON.stringify(preview.view);
    expect(shown).toContain('Tax policy change — takes effect 2026-12-01 00:00');
    expect(shown).toContain('数电 red invoices');
    expect(shown).toContain('More: https://example.gov.cn/red');
    expect(fake.callsTo('chat.postMessage')).toEqual([]);

    await postSigned(
      events,
      viewSubmission('notice_preview', {}, ADMIN, preview.view.private_metadata, 'V0POLICY'),
      FORM,
      SECRET,
    );
    const posts = await fake.waitFor('chat.postMessage', 2);
    expect(posts.map((p) => p.params.channel)).toEqual(['C0FIN', ADMIN]);
    expect(JSON.stringify(posts[0]?.params.blocks)).toContain('红字确认单须在 72 小时内确认');

    const listed = await postSigned(
      events,
      slashCommand('notices', `${fake.url}/response/list`, 'U0HUMAN'),
      FORM,
      SECRET,
    );
    const list = JSON.stringify(ackedMessage(listed));
    expect(list).toContain('Tax policy changes, recent and upcoming:');
    expect(list).toContain('Red-letter forms lapse after 72 hours');
    await postSigned(
      events,
      eventCallback({ type: 'app_home_opened', user: 'U0HUMAN', channel: 'D0HUMAN', tab: 'home' }, 'EvHomePolicy'),
      JSON_TYPE,
      SECRET,
    );
    const [home] = await fake.waitFor('views.publish');
    expect(JSON.stringify(home?.params.view)).toMatch(
      /Tax policy changes, recent and upcoming:.*takes effect 2026-12-01/,
    );
  });
});
