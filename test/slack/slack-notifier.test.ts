import { describe, expect, it } from 'vitest';
import { createSlackNotifier } from '../../src/slack/slack-notifier.js';

const silent = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => 'info',
  setName() {},
} as never;

function fakeClient(failFor: string[] = []) {
  const calls: Array<{ method: string; channel: string; thread_ts?: string }> = [];
  const chat = {
    postMessage: async (args: { channel: string; thread_ts?: string }) => {
      calls.push({
        method: 'postMessage',
        channel: args.channel,
        ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}),
      });
      if (failFor.includes(args.channel))
        throw Object.assign(new Error('An API error occurred: channel_not_found'), {
          data: { ok: false, error: 'channel_not_found' },
        });
      return { ok: true, ts: `${calls.length}.0` };
    },
    update: async (args: { channel: string }) => {
      calls.push({ method: 'update', channel: args.channel });
      return { ok: true, ts: '1.0' };
    },
  };
  return { client: { chat } as never, calls };
}

describe('createSlackNotifier', () => {
  it('spaces messages to one channel by more than a second, without delaying other channels', async () => {
    const { client } = fakeClient();
    const waits: number[] = [];
    const notifier = createSlackNotifier(client, silent, async (ms) => {
      waits.push(ms);
    });
    await Promise.all([
      notifier.post('C1', { text: 'a' }),
      notifier.post('C2', { text: 'b' }),
      notifier.post('C1', { text: 'c' }, '1.0'),
      notifier.update('C1', '1.0', { text: 'd' }),
    ]);
    expect(waits).toHaveLength(2);
    expect(Math.min(...waits)).toBeGreaterThan(1000);
    expect(Math.max(...waits)).toBeGreaterThan(2000);
  });

  it('returns Slack’s error code instead of throwing, so the other channels still get the message', async () => {
    const { client } = fakeClient(['C0GONE']);
    const notifier = createSlackNotifier(client, silent, async () => {});
    expect(await notifier.post('C0GONE', { text: 'x' })).toEqual({ ok: false, error: 'channel_not_found' });
    expect(await notifier.post('C0OK', { text: 'x' })).toEqual({ ok: true, ts: '2.0' });
  });

  it('escapes announcement text', async () => {
    const sent: unknown[] = [];
    const client = {
      chat: {
        postMessage: async (a: unknown) => {
          sent.push(a);
          return { ts: '1' };
        },
        update: async () => ({ ts: '1' }),
      },
    } as never;
    await createSlackNotifier(client, silent, async () => {}).post('C1', { text: '<!channel> & co', context: 'NTC-1' });
    expect(JSON.stringify(sent)).not.toContain('<!channel>');
    expect(JSON.stringify(sent)).toContain('&lt;!channel&gt; &amp; co');
  });
});
