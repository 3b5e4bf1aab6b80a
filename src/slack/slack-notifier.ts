import type { Logger, webApi } from '@slack/bolt';
import { toSlackText, truncate } from '../lib/mrkdwn.js';
import type { Announcement, Delivery, Notifier } from '../ports.js';
import { button } from './blocks/build-reply-message.js';

// chat.postMessage allows about one message per second per channel (stack-notes.md): pace each channel.
const MIN_GAP_MS = 1100;

type Client = Pick<webApi.WebClient, 'chat'>;

function body(message: Announcement) {
  const text = truncate(toSlackText(message.text), 3000);
  const blocks = [
    { type: 'section', text: { type: 'mrkdwn', text } },
    ...(message.context
      ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(toSlackText(message.context), 3000) }] }]
      : []),
    ...(message.actions?.length ? [{ type: 'actions', elements: message.actions.slice(0, 25).map(button) }] : []),
  ];
  return { text, blocks };
}

/**
 * Posts and edits announcements through the Web API. Messages to one channel are spaced at least a second apart;
 * a failure (`not_in_channel`, `channel_not_found`, rate limits after the client's retries) comes back as a value so
 * one bad channel never stops the others.
 */
export function createSlackNotifier(
  client: Client,
  logger: Logger,
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
): Notifier {
  const nextSlot = new Map<string, number>();

  async function paced(channel: string, send: () => Promise<{ ts?: string; channel?: string }>): Promise<Delivery> {
    const now = Date.now();
    const slot = Math.max(now, nextSlot.get(channel) ?? 0);
    nextSlot.set(channel, slot + MIN_GAP_MS);
    if (slot > now) await sleep(slot - now);
    try {
      const result = await send();
      return { ok: true, ts: result.ts ?? '', ...(result.channel ? { channel: result.channel } : {}) };
    } catch (error) {
      const code =
        (error as { data?: { error?: string }; code?: string }).data?.error ??
        (error as { code?: string }).code ??
        'unknown_error';
      logger.warn('announcement failed', { channel, error: code });
      return { ok: false, error: code };
    }
  }

  return {
    post: (channel, message, threadTs) =>
      paced(channel, () =>
        client.chat.postMessage({ channel, ...body(message), ...(threadTs ? { thread_ts: threadTs } : {}) }),
      ),
    update: (channel, ts, message) => paced(channel, () => client.chat.update({ channel, ts, ...body(message) })),
    // Posting to a user id delivers to the app's DM with that user.
    direct: (userId, message) => paced(userId, () => client.chat.postMessage({ channel: userId, ...body(message) })),
    link: async (channel, ts) => {
      try {
        return (await client.chat.getPermalink({ channel, message_ts: ts })).permalink;
      } catch (error) {
        logger.warn('permalink failed', { channel, error: String((error as { code?: string }).code ?? error) });
        return undefined;
      }
    },
  };
}
