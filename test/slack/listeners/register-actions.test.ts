import type { App, Middleware } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { register } from '../../../src/slack/listeners/actions/index.js';
import { fakeArgs, recordingConversation, slackDeps } from '../../helpers/fake-bolt-args.js';

/** An app that records what is registered on it: global middleware, and listeners (none are expected). */
function recordingApp() {
  const middleware: Middleware<never>[] = [];
  const listeners: unknown[] = [];
  const app = { use: (m: Middleware<never>) => middleware.push(m), action: (...a: unknown[]) => listeners.push(a) };
  return { app: app as unknown as App, middleware, listeners };
}

/** Registers the actions on a recording app and sends it one click; what the click was acked, answered and passed. */
async function click(
  action: { action_id: string; value: string },
  replies?: Parameters<typeof recordingConversation>[0],
) {
  const { app, middleware, listeners } = recordingApp();
  const { conversation, received } = recordingConversation(replies);
  register(app, await slackDeps(conversation));
  let passedOn = 0;
  const { args, calls } = fakeArgs({
    action,
    body: { type: 'block_actions', user: { id: 'U1' } },
    next: async () => {
      passedOn += 1;
    },
  });
  await middleware[0]?.(args);
  await new Promise((r) => setTimeout(r, 20));
  return { calls, received, passedOn, listeners, middleware };
}

describe('register (button actions)', () => {
  // Bolt passes every request through each listener's middleware chain, copying its arguments at each step; a
  // global middleware answers clicks before any of that.
  it('answers block_actions in a global middleware, without a Bolt listener', async () => {
    const { calls, received, passedOn, listeners, middleware } = await click({
      action_id: 'invoice_lookup',
      value: 'D26112000000000100016',
    });
    expect(listeners).toEqual([]);
    expect(middleware).toHaveLength(1);
    expect(passedOn).toBe(0);
    expect(calls.ack).toBe(1);
    expect(received[0]?.input).toEqual({ kind: 'choice', choiceId: 'lookup:D26112000000000100016' });
    expect(calls.respond[0]).toMatchObject({ replace_original: false });
  });

  // Slack shows the user a warning when a click is not acked within 3 s; a payload no route takes must not get one.
  it('acks a click no route takes and answers it with the help text', async () => {
    const { calls, received, passedOn } = await click({ action_id: 'forged_button', value: 'x' }, [
      { kind: 'text', text: 'help' },
    ]);
    expect(passedOn).toBe(0);
    expect(calls.ack).toBe(1);
    expect(received).toHaveLength(1);
    expect(calls.respond[0]).toMatchObject({ replace_original: false, text: 'help' });
  });

  it('passes every other request on untouched', async () => {
    const { app, middleware } = recordingApp();
    const { conversation, received } = recordingConversation();
    register(app, await slackDeps(conversation));
    let passedOn = 0;
    const next = async () => {
      passedOn += 1;
    };
    const view = fakeArgs({ body: { type: 'view_submission' }, view: { callback_id: 'x' }, next });
    const command = fakeArgs({ body: { command: '/invoice' }, command: { command: '/invoice', text: '2611' }, next });
    await middleware[0]?.(view.args);
    await middleware[0]?.(command.args);
    expect(passedOn).toBe(2);
    expect(view.calls.ack + command.calls.ack).toBe(0);
    expect(received).toEqual([]);
  });
});
