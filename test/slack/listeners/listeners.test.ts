import { describe, expect, it } from 'vitest';
import { createChecklistActionHandler } from '../../../src/slack/listeners/actions/checklist-action.js';
import { createChoiceActionHandler } from '../../../src/slack/listeners/actions/choice-action.js';
import type { FollowUp } from '../../../src/slack/listeners/actions/follow-up.js';
import { createInvoiceCommandHandler } from '../../../src/slack/listeners/commands/invoice-command.js';
import { createAppMentionHandler } from '../../../src/slack/listeners/events/app-mention.js';
import { createDirectMessageHandler } from '../../../src/slack/listeners/messages/direct-message.js';
import { fakeArgs, recordingConversation, slackDeps } from '../../helpers/fake-bolt-args.js';

describe('createInvoiceCommandHandler', () => {
  it('acks once with the answer itself, ephemerally, and passes the verified user and role', async () => {
    const { conversation, received } = recordingConversation();
    const { args, calls } = fakeArgs({ command: { user_id: 'UFIN', text: 'where 2611' } });
    await createInvoiceCommandHandler(await slackDeps(conversation))(args);
    expect(calls.ack).toBe(1);
    expect(received).toEqual([
      { actor: { userId: 'UFIN', role: 'finance' }, input: { kind: 'text', text: 'where 2611' }, surface: 'command' },
    ]);
    expect(calls.ackBodies[0]).toMatchObject({ response_type: 'ephemeral', text: 'ok', blocks: expect.any(Array) });
    expect(calls.respond).toEqual([]);
  });

  it('acks empty when the answer misses the ack budget, then answers through response_url', async () => {
    const { conversation } = recordingConversation();
    const slow = {
      ...conversation,
      receive: async (...a: Parameters<typeof conversation.receive>) => {
        await new Promise((r) => setTimeout(r, 50));
        return conversation.receive(...a);
      },
    };
    const { args, calls } = fakeArgs({ command: { user_id: 'U1', text: 'sync' } });
    const { followUp, settled } = keptFollowUps();
    await createInvoiceCommandHandler(await slackDeps(slow), 5, followUp)(args);
    await settled();
    expect(calls.ackBodies).toEqual([undefined]);
    expect(calls.respond[0]).toMatchObject({ response_type: 'ephemeral', text: 'ok' });
  });

  // Bolt holds the request's objects until the listener returns: a late answer must not keep them for its whole work.
  it('returns to Bolt once it has acked empty at the budget, and the late answer follows through response_url', async () => {
    const { conversation, received, release } = heldConversation();
    const { followUp, settled } = keptFollowUps();
    const { args, calls } = fakeArgs({ command: { user_id: 'U1', text: 'sync' } });
    await createInvoiceCommandHandler(await slackDeps(conversation), 5, followUp)(args);
    expect(calls.ackBodies).toEqual([undefined]);
    expect(calls.respond).toEqual([]);
    release();
    await settled();
    expect(received).toHaveLength(1);
    expect(calls.respond).toEqual([expect.objectContaining({ response_type: 'ephemeral', text: 'ok' })]);
    expect(calls.ack).toBe(1);
  });

  it('apologises through response_url when a late answer fails, and logs a failed apology', async () => {
    const { conversation, release } = heldConversation(new Error('disk on fire'));
    const { followUp, settled } = keptFollowUps();
    const { args, calls } = fakeArgs({ command: { user_id: 'U1', text: 'sync' } });
    await createInvoiceCommandHandler(await slackDeps(conversation), 5, followUp)(args);
    release();
    await settled();
    expect(calls.ackBodies).toEqual([undefined]);
    expect(calls.respond[0]).toMatchObject({ text: expect.stringContaining('Sorry, something went wrong') });
    expect(JSON.stringify(calls.errors)).toContain('disk on fire');

    const failing = heldConversation(new Error('disk on fire'));
    const kept = keptFollowUps();
    const down = fakeArgs({ command: { user_id: 'U1', text: 'sync' } });
    const respondFails = {
      ...(down.args as object),
      respond: async () => {
        throw new Error('Slack is down');
      },
    };
    await createInvoiceCommandHandler(await slackDeps(failing.conversation), 5, kept.followUp)(respondFails as never);
    failing.release();
    await kept.settled();
    expect(JSON.stringify(down.calls.errors)).toContain('Slack is down');
  });

  it.each(['notice', '公告', ' NOTICE '])('opens the notice form for an admin who types %j alone', async (text) => {
    const { conversation, received } = recordingConversation();
    const opened: unknown[] = [];
    const client = { views: { open: async (v: unknown) => opened.push(v) } };
    const { args } = fakeArgs({ command: { user_id: 'UADM', text, trigger_id: 'T1' }, client });
    await createInvoiceCommandHandler({ ...(await slackDeps(conversation)), roleOf: () => 'admin' })(args);
    expect(opened).toHaveLength(1);
    expect(received).toEqual([]);
  });

  it("passes the notice text form, and an employee's bare notice, to the conversation", async () => {
    const { conversation, received } = recordingConversation();
    const client = { views: { open: async () => expect.unreachable('no form') } };
    const deps = await slackDeps(conversation);
    await createInvoiceCommandHandler(deps)(fakeArgs({ command: { user_id: 'U1', text: '公告' }, client }).args);
    await createInvoiceCommandHandler({ ...deps, roleOf: () => 'admin' })(
      fakeArgs({ command: { user_id: 'UADM', text: '公告 cancel NTC-1' }, client }).args,
    );
    expect(received.map((r) => r.input)).toEqual([
      { kind: 'text', text: '公告' },
      { kind: 'text', text: '公告 cancel NTC-1' },
    ]);
  });

  it('apologises and logs when the core throws', async () => {
    const { conversation } = recordingConversation(new Error('disk on fire'));
    const { args, calls } = fakeArgs({ command: { user_id: 'U1', text: 'x' } });
    await createInvoiceCommandHandler(await slackDeps(conversation))(args);
    expect(calls.ack).toBe(1);
    expect(calls.ackBodies[0]).toMatchObject({ text: expect.stringContaining('Sorry, something went wrong') });
    expect(calls.errors).toHaveLength(1);
  });
});

/** Follow-ups kept so a test can wait for them (the bot's own run detached). */
function keptFollowUps() {
  const pending: Promise<void>[] = [];
  const followUp: FollowUp = (work) => {
    pending.push(work());
  };
  return { followUp, settled: () => Promise.all(pending) };
}

/** A conversation whose answer (or failure) waits until the test releases it. */
function heldConversation(replies?: Error) {
  const { conversation, received } = recordingConversation(replies);
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const held = {
    receive: async (...a: Parameters<typeof conversation.receive>) => {
      await released;
      return conversation.receive(...a);
    },
  };
  return { conversation: held, received, release };
}

const click = (action_id: string, value: string) =>
  fakeArgs({ action: { action_id, value }, body: { user: { id: 'U1' }, trigger_id: 'T1' } });

describe('createChoiceActionHandler', () => {
  it('turns a button back into the flow choice', async () => {
    const { conversation, received } = recordingConversation();
    const { followUp, settled } = keptFollowUps();
    const { args, calls } = click('invoice_lookup', 'D26112000000000100016');
    await createChoiceActionHandler(await slackDeps(conversation), followUp)(args);
    await settled();
    expect(calls.ack).toBe(1);
    expect(received[0]?.input).toEqual({ kind: 'choice', choiceId: 'lookup:D26112000000000100016' });
    expect(calls.respond[0]).toMatchObject({ replace_original: false });
  });
});

// Bolt holds a request's objects (its body with the clicked message, the HTTP request and response, its middleware
// chain) until the listener returns: a button's listener returns once it has acked, and its answer follows.
describe.each([
  ['createChoiceActionHandler', createChoiceActionHandler, 'invoice_lookup', 'D26112000000000100016'],
  ['createChecklistActionHandler', createChecklistActionHandler, 'invoice_chk', 'chk:CHK-1:solved'],
])('%s after its ack', (_, create, actionId, value) => {
  it('returns to Bolt before the answer is ready, which then goes through the response_url', async () => {
    const { conversation, received, release } = heldConversation();
    const { followUp, settled } = keptFollowUps();
    const { args, calls } = click(actionId, value);
    await create(await slackDeps(conversation), followUp)(args);
    expect(calls.ack).toBe(1);
    expect(calls.respond).toEqual([]);
    release();
    await settled();
    expect(received).toHaveLength(1);
    expect(calls.respond[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'ok' });
  });

  it('starts the work only once the ack has gone', async () => {
    const { conversation, received } = recordingConversation();
    const { followUp, settled } = keptFollowUps();
    let acked = () => {};
    const { args } = click(actionId, value);
    const held = { ...(args as object), ack: () => new Promise<void>((resolve) => (acked = resolve)) };
    await create(await slackDeps(conversation), followUp)(held as never);
    await new Promise((r) => setTimeout(r, 5));
    expect(received).toEqual([]);
    acked();
    await settled();
    expect(received).toHaveLength(1);
  });

  it('apologises when the work fails, and logs a failure of the apology instead of leaving it unhandled', async () => {
    const { conversation } = recordingConversation(new Error('disk on fire'));
    const { args, calls } = click(actionId, value);
    const logged: unknown[] = [];
    let done = () => {};
    const finished = new Promise<void>((resolve) => (done = resolve));
    const failing = {
      ...(args as object),
      respond: async () => {
        throw new Error('Slack is down');
      },
      logger: {
        error: (...m: unknown[]) => {
          logged.push(m);
          if (logged.length === 2) done();
        },
      },
    };
    await create(await slackDeps(conversation))(failing as never);
    await finished;
    expect(JSON.stringify(logged)).toContain('disk on fire');
    expect(JSON.stringify(logged[1])).toContain('Slack is down');
    expect(calls.respond).toEqual([]);
  });
});

describe('createDirectMessageHandler', () => {
  it('answers plain DMs and strips mentions', async () => {
    const { conversation, received } = recordingConversation();
    const { args, calls } = fakeArgs({ message: { channel_type: 'im', user: 'U1', text: '<@U0BOT> 2611', ts: '1.1' } });
    await createDirectMessageHandler(await slackDeps(conversation))(args);
    expect(received[0]).toMatchObject({ input: { kind: 'text', text: '2611' }, surface: 'dm' });
    expect(calls.say).toHaveLength(1);
  });

  it.each([
    ['a channel message', { channel_type: 'channel', user: 'U1', text: 'x' }],
    ['an edit', { channel_type: 'im', subtype: 'message_changed' }],
    ['a bot message', { channel_type: 'im', bot_id: 'B1', user: 'U0BOT', text: 'x' }],
  ])('ignores %s', async (_name, message) => {
    const { conversation, received } = recordingConversation();
    const { args } = fakeArgs({ message });
    await createDirectMessageHandler(await slackDeps(conversation))(args);
    expect(received).toEqual([]);
  });
});

describe('createAppMentionHandler', () => {
  it('answers in the thread of the mention, as a shared surface', async () => {
    const { conversation, received } = recordingConversation();
    const { args, calls } = fakeArgs({ event: { user: 'U1', text: '<@U0BOT> help', ts: '1700.1', channel: 'C1' } });
    await createAppMentionHandler(await slackDeps(conversation))(args);
    expect(received[0]).toMatchObject({ input: { kind: 'text', text: 'help' }, surface: 'mention' });
    expect(calls.say[0]).toMatchObject({ thread_ts: '1700.1' });
  });
});
