import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../src/demo.js';
import { createManualClock, type ManualClock } from '../../src/lib/clocks.js';
import type { RunningBot } from '../../src/main.js';
import type { FakeSlackApi, RecordedCall } from '../helpers/fake-slack-api.js';
import { type HttpBot, SIGNING_SECRET as SECRET, startHttpBot } from '../helpers/http-bot.js';
import {
  buttonClick,
  eventCallback,
  FORM,
  JSON_TYPE,
  postSigned,
  slashCommand,
  viewSubmission,
} from '../helpers/slack-requests.js';

const ESC = 'ESC-20261127-001';

// No ESCALATION_CHANNEL: every escalation goes to each finance lead's DM with the bot.
describe('escalations over signed HTTP, posted to the finance leads’ DMs', () => {
  let fake: FakeSlackApi;
  let bot: RunningBot;
  let clock: ManualClock;
  let events: string;
  let http: HttpBot;

  beforeAll(async () => {
    clock = createManualClock(DEMO_NOW);
    http = await startHttpBot({ FINANCE_LEADS: 'U0FIN,U0FIN2', ADMIN_USERS: 'U0ADM' }, clock);
    ({ fake, bot, events } = http);
  });

  afterAll(async () => {
    await http?.close();
  });

  const responseUrl = (name: string) => `${fake.url}/response/${name}`;
  const textOf = (c: RecordedCall | undefined) => `${String(c?.params.text)} ${JSON.stringify(c?.params.blocks)}`;
  const postsTo = (channel: string) => fake.callsTo('chat.postMessage').filter((c) => c.params.channel === channel);

  async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
    const deadline = Date.now() + 8000;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const reply = (name: string) =>
    until(`the reply to ${name}`, () => fake.callsTo('response_url').find((c) => c.path === `/response/${name}`)).then(
      textOf,
    );
  // A quick answer comes in the ack itself; a slow one through the response_url.
  const command = async (text: string, name: string, user = 'U0HUMAN') => {
    const res = await postSigned(events, slashCommand(text, responseUrl(name), user), FORM, SECRET);
    if (res.body) {
      const acked = JSON.parse(res.body) as { text?: string; blocks?: unknown };
      return `${String(acked.text)} ${JSON.stringify(acked.blocks)}`;
    }
    return reply(name);
  };
  // A lead clicks one of the post's action buttons; the form it opens is returned.
  const openForm = async (choice: string, name: string) => {
    const opened = fake.callsTo('views.open').length;
    await postSigned(events, buttonClick('invoice_escact', choice, responseUrl(name), 'U0FIN'), FORM, SECRET);
    return (await fake.waitFor('views.open', opened + 1)).at(-1)?.params.view as {
      private_metadata: string;
      blocks: Array<{ block_id: string }>;
    };
  };
  const submitForm = (form: { private_metadata: string }, values: Record<string, unknown>, viewId: string) =>
    postSigned(
      events,
      viewSubmission('escalation_action', values, 'U0FIN', form.private_metadata, viewId),
      FORM,
      SECRET,
    );
  const dmTo = (user: string, contains: string) =>
    until(`a DM to ${user} with “${contains}”`, () => postsTo(user).find((c) => textOf(c).includes(contains))).then(
      textOf,
    );

  it('refuses an urgent escalation without a reason, with the form’s message, and posts nothing', async () => {
    const text = await command('escalate 26112000000000100010 urgent', 'urgent-no-note');
    expect(text).toContain('For an urgent escalation, say why (for example the filing deadline).');
    // (Admins may have had the daily calendar warning at start; the leads got nothing.)
    expect([...postsTo('U0FIN'), ...postsTo('U0FIN2')]).toEqual([]);
  });

  it('files to each lead’s DM and keeps the DM conversations for edits and threads', async () => {
    const text = await command('escalate 26112000000000100010 urgent needed before the filing deadline', 'file');
    expect(text).toContain(`I have escalated this to finance as ${ESC}`);
    expect(postsTo('U0FIN')).toHaveLength(1);
    expect(postsTo('U0FIN2')).toHaveLength(1);
  });

  it('refuses resolving without a note for the requester', async () => {
    const text = await command(`escalation resolve ${ESC} 2`, 'resolve-empty', 'U0FIN');
    expect(text).toContain('Tell the requester what was done.');
    expect(fake.callsTo('chat.update')).toEqual([]);
  });

  it('assigns only to finance leads and admins; the assignee gets a link to the post, the requester the name', async () => {
    const form = await openForm(`${ESC}:assign`, 'assign');
    const assign = (user: string, viewId: string) =>
      submitForm(form, { action_assignee: { value: { type: 'users_select', selected_user: user } } }, viewId);
    // Refused inside the form, in the lead's own language, while they can still pick someone else; no DM, no edit.
    const before = postsTo('U0FIN').length;
    expect(JSON.parse((await assign('U0HUMAN', 'V0ASSIGN1')).body)).toEqual({
      response_action: 'errors',
      errors: { action_assignee: '@U0HUMAN cannot be assigned: only finance leads and admins can act on escalations.' },
    });
    await command('lang zh', 'lead-zh', 'U0FIN');
    expect(JSON.parse((await assign('U0HUMAN', 'V0ASSIGN0')).body)).toEqual({
      response_action: 'errors',
      errors: { action_assignee: '不能分配给 @U0HUMAN：只有财务负责人和管理员可以处理上报。' },
    });
    await command('lang en', 'lead-en', 'U0FIN');
    expect(
      postsTo('U0FIN')
        .slice(before)
        .filter((c) => textOf(c).includes('U0HUMAN')),
    ).toEqual([]);
    expect(fake.callsTo('chat.update')).toEqual([]);
    await assign('U0FIN2', 'V0ASSIGN2');
    const toAssignee = await dmTo('U0FIN2', 'to you');
    expect(toAssignee).toContain(`<@U0FIN> assigned ${ESC} (invoice 26112000000000100010) to you.`);
    expect(toAssignee).toMatch(/Open the post to act on it: https:\/\/fake\.slack\.com\/archives\/DU0FIN\/p\d+/);
    expect(await dmTo('U0HUMAN', 'was assigned')).toContain(`${ESC} was assigned to <@U0FIN2>, who will handle it.`);
    expect(await dmTo('U0FIN', 'is now')).toContain(`${ESC} is now Claimed.`);
    // The post in each lead's DM is edited in place under the DM's conversation id.
    expect(fake.callsTo('chat.update').map((c) => c.params.channel)).toEqual(['DU0FIN', 'DU0FIN2']);
  });

  it('relays a lead’s reply in their DM thread to the requester and to the other lead’s thread', async () => {
    const [mine, theirs] = fake.callsTo('chat.update').map((c) => ({ channel: c.params.channel, ts: c.params.ts }));
    const before = fake.callsTo('chat.postMessage').length;
    const reply = {
      type: 'message',
      channel_type: 'im',
      channel: theirs?.channel,
      user: 'U0FIN2',
      text: 'Checking with the tax bureau',
      ts: '1700000100.000100',
      thread_ts: theirs?.ts,
    };
    await postSigned(events, eventCallback(reply, 'EvDmThread1'), JSON_TYPE, SECRET);
    expect(await dmTo('U0HUMAN', 'Checking')).toContain(`${ESC} — <@U0FIN2>, finance: Checking with the tax bureau`);
    const mirrored = await until('the reply in the other lead’s thread', () =>
      fake
        .callsTo('chat.postMessage')
        .slice(before)
        .find((c) => c.params.channel === mine?.channel),
    );
    expect(mirrored.params.thread_ts).toBe(mine?.ts);
    await new Promise((r) => setTimeout(r, 200));
    // Relayed, not answered as a question to the bot.
    expect(
      fake
        .callsTo('chat.postMessage')
        .slice(before)
        .map((c) => c.params.channel),
    ).toEqual(['U0HUMAN', mine?.channel]);
  });

  it('reminds in each lead’s DM thread as a target nears', async () => {
    const posts = fake.callsTo('chat.update').map((c) => ({ channel: c.params.channel, ts: c.params.ts }));
    const before = fake.callsTo('chat.postMessage').length;
    // Urgent, filed Friday 15:00: resolution due Monday 15:00 (9 business hours); an hour before, a reminder.
    clock.set(new Date('2026-11-30T14:10:00+08:00'));
    await bot.tick?.();
    const reminders = fake
      .callsTo('chat.postMessage')
      .slice(before)
      .filter((c) => String(c.params.text).startsWith('⏰'));
    expect(reminders.map((c) => ({ channel: c.params.channel, ts: c.params.thread_ts }))).toEqual(posts);
    expect(String(reminders[0]?.params.text)).toContain(`⏰ ${ESC}: the resolution is due at 2026-11-30 15:00.`);
  });
  it('waits on the requester only with a question, which reaches them word for word', async () => {
    const form = await openForm(`${ESC}:waiting`, 'wait');
    expect(form.blocks.map((b) => b.block_id)).toEqual(['action_question']);
    const submit = (question: string, viewId: string) =>
      submitForm(form, { action_question: { value: { type: 'plain_text_input', value: question } } }, viewId);
    expect(JSON.parse((await submit('  ', 'V0WAIT1')).body)).toMatchObject({
      response_action: 'errors',
      errors: { action_question: 'Say what you need from the requester.' },
    });
    await submit('Which buyer <tax id> did you enter?', 'V0WAIT2');
    expect(await dmTo('U0HUMAN', 'needs something')).toContain(
      `Finance needs something from you for ${ESC}:\n“Which buyer &lt;tax id&gt; did you enter?”`,
    );
  });

  it('refuses a duplicate of an escalation about a different invoice inside the form until a reason is given', async () => {
    const filed = await command('escalate 26112000000000100009 the buyer cannot find it', 'file-second');
    const dup = /ESC-\d{8}-\d{3}/.exec(filed)?.[0] ?? 'no id';
    const form = await openForm(`${dup}:duplicate`, 'duplicate');
    const submit = (reason: string, viewId: string) =>
      submitForm(
        form,
        {
          action_original: { value: { type: 'plain_text_input', value: ESC } },
          action_reason: { value: { type: 'plain_text_input', value: reason } },
        },
        viewId,
      );
    const updates = fake.callsTo('chat.update').length;
    expect(JSON.parse((await submit('', 'V0DUP1')).body)).toEqual({
      response_action: 'errors',
      errors: {
        action_reason: `${ESC} is about invoice 26112000000000100010, not 26112000000000100009. If ${dup} is the same case anyway, confirm with a reason: \`/invoice escalation duplicate ${dup} ${ESC} <reason>\`.`,
      },
    });
    expect(fake.callsTo('chat.update')).toHaveLength(updates);
    await submit('Same shipment, the seller issued it twice', 'V0DUP2');
    expect(await dmTo('U0FIN', `${dup} is now`)).toContain(`${dup} is now Duplicate.`);
  });
});
