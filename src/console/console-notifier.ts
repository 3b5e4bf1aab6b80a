import type { Writable } from 'node:stream';
import { toPlainText } from '../lib/mrkdwn.js';
import type { Notifier } from '../ports.js';

/** Shows what the bot would post to Slack channels as lines in the console, so admins can try notices locally. */
export function createConsoleNotifier(output: Writable): Notifier {
  let seq = 0;
  const show = (where: string, text: string) => {
    seq += 1;
    output.write(`${where}\n${toPlainText(text).replace(/^/gm, '  ')}\n`);
    return { ok: true as const, ts: `console.${seq}` };
  };
  return {
    post: async (channel, message, threadTs) =>
      show(threadTs ? `[#${channel} ↳ thread]` : `[#${channel}]`, message.text),
    update: async (channel, _ts, message) => show(`[#${channel} ✎ edited]`, message.text),
    direct: async (userId, message) => show(`[DM ${userId}]`, message.text),
    // The console has no links; the post is the one shown above with its channel.
    link: async () => undefined,
  };
}
