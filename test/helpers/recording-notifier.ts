import type { Announcement, Delivery, Notifier } from '../../src/ports.js';

/** One message the bot sent through the Notifier port. */
export type Sent = { kind: 'post' | 'update' | 'direct'; to: string; text: string; threadTs?: string; ts?: string };

/** A Notifier that records what it is asked to send; channels listed in `failing` answer with that error. */
export function createRecordingNotifier(failing: Record<string, string> = {}): Notifier & { sent: Sent[] } {
  const sent: Sent[] = [];
  let seq = 0;
  const deliver = (kind: Sent['kind'], to: string, message: Announcement, threadTs?: string, ts?: string): Delivery => {
    const error = failing[to];
    if (error) return { ok: false, error };
    seq += 1;
    sent.push({ kind, to, text: message.text, ...(threadTs ? { threadTs } : {}), ...(ts ? { ts } : {}) });
    return { ok: true, ts: ts ?? `${seq}.000` };
  };
  return {
    sent,
    post: async (channel, message, threadTs) => deliver('post', channel, message, threadTs),
    update: async (channel, ts, message) => deliver('update', channel, message, undefined, ts),
    direct: async (userId, message) => deliver('direct', userId, message),
  };
}
