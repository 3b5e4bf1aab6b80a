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

describe('register (button actions)', () => {
  // Bolt passes every request through each listener's middleware chain, copying its arguments at each step; a
  // global middleware answers clicks before any of that.
  it('answers block_actions in a global middleware, without a Bolt listener', async () => {
    const { app, middleware, listeners } = recordingApp();
    const { conversation, received } = recordingConversation();
    register(app, await slackDeps(conversation));
    expect(listeners).toEqual([]);
    expect(middleware).toHaveLength(1);
    let passedOn = 0;
    const { args, calls } = fakeArgs({
      action: { action_id: 'invoice_lookup', value: 'D26112000000000100016' },
      body: { type: 'block_actions', user: { id: 'U1' } },
      next: async () => {
        passedOn += 1;
      },
    });
    await middleware[0]?.(args);
    await new Promise((r) => setTimeout(r, 20));
    expect(passedOn).toBe(0);
    expect(calls.ack).toBe(1);
    expect(received[0]?.input).toEqual({ kind: 'choice', choiceId: 'lookup:D26112000000000100016' });
    expect(calls.respond[0]).toMatchObject({ replace_original: false });
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
