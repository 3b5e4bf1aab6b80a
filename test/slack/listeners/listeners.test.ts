import { describe, expect, it } from 'vitest';
import { createChoiceActionHandler } from '../../../src/slack/listeners/actions/choice-action.js';
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
    await createInvoiceCommandHandler(await slackDeps(slow), 5)(args);
    expect(calls.ackBodies).toEqual([undefined]);
    expect(calls.respond[0]).toMatchObject({ response_type: 'ephemeral', text: 'ok' });
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

describe('createChoiceActionHandler', () => {
  it('turns a button back into the flow choice', async () => {
    const { conversation, received } = recordingConversation();
    const { args, calls } = fakeArgs({
      action: { action_id: 'invoice_lookup', value: 'D26112000000000100016' },
      body: { user: { id: 'U1' } },
    });
    await createChoiceActionHandler(await slackDeps(conversation))(args);
    expect(calls.ack).toBe(1);
    expect(received[0]?.input).toEqual({ kind: 'choice', choiceId: 'lookup:D26112000000000100016' });
    expect(calls.respond[0]).toMatchObject({ replace_original: false });
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
