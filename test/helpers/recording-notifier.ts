import type { Announcement, Delivery, Notifier } from '../../src/ports.js';

/** One message the bot sent through the Notifier port. */
export type Sent = { kind: 'post' | 'update' | 'direct'; to: string; text: string; threadTs?: string; ts?: string };

/** How the recording notifier behaves: `latencyMs` makes every call as slow as a busy Slack. */
export type RecordingOptions = { latencyMs?: number };

/**
 * A Notifier that records what it is asked to send; channels listed in `failing` answer with that error.
 * `calls(n)` resolves when the n-th call has started (before its latency), so a test can act in the middle of a
 * slow broadcast.
 */
export function createRecordingNotifier(
  failing: Record<string, string> = {},
  options: RecordingOptions = {},
): Notifier & { sent: Sent[]; calls(n: number): Promise<void> } {
  const sent: Sent[] = [];
  let seq = 0;
  let started = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const deliver = async (
    kind: Sent['kind'],
    to: string,
    message: Announcement,
    threadTs?: string,
    ts?: string,
  ): Promise<Delivery> => {
    started += 1;
    for (const w of waiters.filter((w) => w.n <= started)) w.resolve();
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const error = failing[to];
    if (error) return { ok: false, error };
    seq += 1;
    sent.push({ kind, to, text: message.text, ...(threadTs ? { threadTs } : {}), ...(ts ? { ts } : {}) });
    return { ok: true, ts: ts ?? `${seq}.000` };
  };
  return {
    sent,
    calls: (n) => (started >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
    post: (channel, message, threadTs) => deliver('post', channel, message, threadTs),
    update: (channel, ts, message) => deliver('update', channel, message, undefined, ts),
    // A user id stands for the app's DM with that user, which has its own conversation id, as in Slack.
    direct: async (userId, message) => {
      const delivery = await deliver('direct', userId, message);
      return delivery.ok ? { ...delivery, channel: `D${userId}` } : delivery;
    },
    link: async (channel, ts) => `https://slack.test/archives/${channel}/p${ts.replace('.', '')}`,
  };
}
