import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../src/demo.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { CHART_LIMITS } from '../../src/slack/blocks/build-chart-block.js';
import type { FakeSlackApi, RecordedCall } from '../helpers/fake-slack-api.js';
import { type HttpBot, SIGNING_SECRET as SECRET, startHttpBot } from '../helpers/http-bot.js';
import {
  ackedMessage,
  buttonClick,
  eventCallback,
  FORM,
  JSON_TYPE,
  postSigned,
  slashCommand,
} from '../helpers/slack-requests.js';

type Block = {
  type: string;
  title?: string;
  text?: { text?: string };
  elements?: Array<Record<string, unknown>>;
  chart?: {
    type: string;
    segments?: Array<{ label: string; value: number }>;
    series?: Array<{ name: string; data: Array<{ label: string; value: number }> }>;
    axis_config?: { categories: string[]; x_label?: string; y_label?: string };
  };
};

// Issue 16 as Slack delivers it: the feedback control on an answer, the figures for leads in App Home and
// `/invoice stats`, and nothing company-wide for an employee anywhere.
describe('feedback and figures over signed HTTP', () => {
  let fake: FakeSlackApi;
  let events: string;
  let http: HttpBot;

  beforeAll(async () => {
    http = await startHttpBot({ FINANCE_LEADS: 'U0FIN' }, createManualClock(DEMO_NOW));
    ({ fake, events } = http);
  });

  afterAll(async () => {
    await http?.close();
  });

  const responseUrl = (name: string) => `${fake.url}/response/${name}`;
  const response = async (name: string) => {
    const deadline = Date.now() + 8000;
    for (;;) {
      const found = fake.callsTo('response_url').find((c) => c.path === `/response/${name}`);
      if (found) return JSON.stringify(found.params);
      if (Date.now() > deadline) throw new Error(`no response to ${name}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  async function command(text: string, name: string, user: string) {
    const res = await postSigned(events, slashCommand(text, responseUrl(name), user), FORM, SECRET);
    expect(res.status).toBe(200);
    return (ackedMessage(res) ?? {}) as { text?: string; blocks?: Block[] };
  }
  // Slack's feedback_buttons click: a block action whose value is the clicked button's.
  const feedbackClick = (value: string, name: string, user: string) =>
    buttonClick('invoice_fb', value, responseUrl(name), user).replace(
      encodeURIComponent('"type":"button"'),
      encodeURIComponent('"type":"feedback_buttons"'),
    );
  async function openHome(user: string, eventId: string): Promise<RecordedCall | undefined> {
    const before = fake.callsTo('views.publish').length;
    await postSigned(
      events,
      eventCallback({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home' }, eventId),
      JSON_TYPE,
      SECRET,
    );
    const published = await fake.waitFor('views.publish', before + 1);
    return published.filter((c) => c.params.user_id === user).at(-1);
  }

  it('asks once whether a lookup solved it, with Slack’s feedback buttons, and 👎 offers the next steps', async () => {
    const answer = await command('26112000000000100008', 'lookup-1', 'U0EMP');
    const control = answer.blocks?.find((b) => b.type === 'context_actions');
    expect(control?.elements?.[0]).toMatchObject({
      type: 'feedback_buttons',
      action_id: 'invoice_fb',
      positive_button: { value: 'D26112000000000100008:up' },
      negative_button: { value: 'D26112000000000100008:down' },
    });
    await postSigned(events, feedbackClick('D26112000000000100008:down', 'fb-down', 'U0EMP'), FORM, SECRET);
    const offered = await response('fb-down');
    expect(offered).toContain('invoice_troubleshoot');
    expect(offered).toContain('invoice_escalate');
    // Answered: the next answer about that invoice does not ask again, and a second click changes nothing.
    const again = await command('26112000000000100008', 'lookup-2', 'U0EMP');
    expect(again.blocks?.some((b) => b.type === 'context_actions')).toBe(false);
    await postSigned(events, feedbackClick('D26112000000000100008:up', 'fb-again', 'U0EMP'), FORM, SECRET);
    expect(await response('fb-again')).toContain('You already told me');
  });

  it('shows a lead the figures in App Home, with charts within Slack’s limits', async () => {
    // Another question, confirmed solved, so every chart has something to draw.
    await command('26112000000000100001', 'lookup-3', 'U0EMP2');
    await postSigned(events, feedbackClick('D26112000000000100001:up', 'fb-up', 'U0EMP2'), FORM, SECRET);
    expect(await response('fb-up')).toContain('glad it is sorted');
    // An escalation finance resolved as a sync delay: the dashboard names the cause.
    const filed = JSON.stringify(await command('escalate 26112000000000100010 please check', 'escalate', 'U0EMP3'));
    const id = /ESC-\d{8}-\d{3}/.exec(filed)?.[0];
    expect(JSON.stringify(await command(`escalation resolve ${id} 2 re-synced`, 'resolve', 'U0FIN'))).toContain(
      'is now Resolved',
    );
    const publish = await openHome('U0FIN', 'EvHomeLead');
    const blocks = (publish?.params.view as { blocks: Block[] } | undefined)?.blocks ?? [];
    expect(blocks.length).toBeLessThanOrEqual(100);
    const home = JSON.stringify(blocks);
    expect(home).toContain('How the bot is doing');
    expect(home).toContain('*Questions:* 2');
    expect(home).toContain('*Confirmed solved:* 1 (50%');
    expect(home).toContain('*Resolved as:* Sync delay 1');
    const charts = blocks.filter((b) => b.type === 'data_visualization');
    expect(charts.map((c) => c.chart?.type)).toEqual(['line', 'bar', 'pie']);
    for (const chart of charts) {
      expect(chart.title?.length).toBeLessThanOrEqual(CHART_LIMITS.title);
      const points = chart.chart?.segments ?? chart.chart?.series?.flatMap((s) => s.data) ?? [];
      expect(points.length).toBeGreaterThan(0);
      for (const p of points) expect(p.label.length).toBeLessThanOrEqual(CHART_LIMITS.label);
      for (const s of chart.chart?.series ?? []) {
        expect(s.data.length).toBeLessThanOrEqual(CHART_LIMITS.points);
        expect(s.data.map((p) => p.label)).toEqual(chart.chart?.axis_config?.categories);
      }
      expect((chart.chart?.series ?? chart.chart?.segments ?? []).length).toBeLessThanOrEqual(CHART_LIMITS.series);
    }
    const pie = charts.find((c) => c.chart?.type === 'pie');
    expect(pie?.chart?.segments).toEqual([
      { label: 'Solved by bot', value: 1 },
      { label: 'Not solved', value: 1 },
    ]);
  });

  it('shows an employee no company-wide figure: not in App Home, not by command', async () => {
    const publish = await openHome('U0EMP', 'EvHomeEmployee');
    const home = JSON.stringify(publish?.params.view);
    expect(home).not.toContain('data_visualization');
    expect(home).not.toContain('How the bot is doing');
    expect(home).not.toContain('Questions:');
    expect(home).not.toContain('Resolved as');
    const refused = await command('stats last-week', 'stats-employee', 'U0EMP');
    expect(JSON.stringify(refused)).toContain('for finance leads and admins');
    expect(JSON.stringify(refused)).not.toContain('Questions');
    const refusedZh = await command('统计', 'stats-employee-zh', 'U0EMP');
    expect(JSON.stringify(refusedZh)).toContain('仅供财务负责人和管理员查看');
  });

  it('answers /invoice stats for a lead with the headline and at most two charts', async () => {
    const stats = await command('stats this-week', 'stats-lead', 'U0FIN');
    const text = JSON.stringify(stats);
    expect(text).toContain('Bot figures, 2026-11-23 to 2026-11-29');
    expect(stats.blocks?.filter((b) => b.type === 'data_visualization')).toHaveLength(2);
    expect(stats.blocks?.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(await command('stats yesterday', 'stats-bad', 'U0FIN'))).toContain(
      'I cannot read the period',
    );
  });

  it('greets a person once, the first time they open the Messages tab', async () => {
    const open = (eventId: string) =>
      postSigned(
        events,
        eventCallback({ type: 'app_home_opened', user: 'U0NEW', channel: 'D0NEW', tab: 'messages' }, eventId),
        JSON_TYPE,
        SECRET,
      );
    await open('EvMessages1');
    await fake.waitFor('chat.postMessage');
    await open('EvMessages2');
    await new Promise((r) => setTimeout(r, 200));
    const greetings = fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'D0NEW');
    expect(greetings).toHaveLength(1);
    const greeting = greetings[0];
    expect(String(greeting?.params.text)).toContain('I am Invoice Desk');
    expect(String(greeting?.params.text)).not.toContain('stats');
  });

  it('greets a person who chose Chinese in Chinese, and shows a lead who did the dashboard in Chinese', async () => {
    await command('lang zh', 'lang-zh', 'U0ZH');
    const before = fake.callsTo('chat.postMessage').length;
    await postSigned(
      events,
      eventCallback({ type: 'app_home_opened', user: 'U0ZH', channel: 'D0ZH', tab: 'messages' }, 'EvMessagesZh'),
      JSON_TYPE,
      SECRET,
    );
    const greeting = (await fake.waitFor('chat.postMessage', before + 1)).find((c) => c.params.channel === 'D0ZH');
    expect(String(greeting?.params.text)).toContain('您好，我是发票助手');
    expect(String(greeting?.params.text)).not.toContain('I am Invoice Desk');
    await command('lang zh', 'lang-zh-lead', 'U0FIN');
    const home = JSON.stringify((await openHome('U0FIN', 'EvHomeLeadZh'))?.params.view);
    expect(home).toContain('机器人表现');
    expect(home).toContain('*解决原因：* 同步延迟 1');
    expect(home).not.toContain('How the bot is doing');
  });
});

// The other direction: a bot that speaks Chinese by default greets in English whoever chose English.
describe('the first greeting on a Chinese-speaking bot', () => {
  let http: HttpBot;

  beforeAll(async () => {
    http = await startHttpBot({ BOT_LANGUAGE: 'zh' }, createManualClock(DEMO_NOW));
  });

  afterAll(async () => {
    await http?.close();
  });

  async function greetingFor(user: string): Promise<string> {
    const before = http.fake.callsTo('chat.postMessage').length;
    const event = { type: 'app_home_opened', user, channel: `D${user}`, tab: 'messages' };
    await postSigned(http.events, eventCallback(event, `Ev${user}`), JSON_TYPE, SECRET);
    const calls = await http.fake.waitFor('chat.postMessage', before + 1);
    return String(calls.find((c) => c.params.channel === `D${user}`)?.params.text);
  }

  it('greets in the language a person chose, else in the bot’s', async () => {
    const res = await postSigned(
      http.events,
      slashCommand('lang en', `${http.fake.url}/response/lang-en`, 'U0EN'),
      FORM,
      SECRET,
    );
    expect(res.status).toBe(200);
    expect(await greetingFor('U0EN')).toContain('I am Invoice Desk');
    expect(await greetingFor('U0DEFAULT')).toContain('您好，我是发票助手');
  });
});
