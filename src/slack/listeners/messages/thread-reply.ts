import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { neutraliseMentions } from '../../../lib/mrkdwn.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>;

/**
 * A reply in a channel thread: if the thread is an escalation post, finance's words go to the requester by DM; anyone
 * else's stay in the thread, and they are told so privately, once.
 */
export function createThreadReplyHandler(deps: SlackDeps) {
  return async ({ message, client, logger }: Args): Promise<void> => {
    if (message.channel_type === 'im' || message.subtype !== undefined || 'bot_id' in message || !message.thread_ts)
      return;
    if (message.thread_ts === message.ts) return;
    try {
      const relay = await deps.escalations.relayThread(
        message.channel,
        message.thread_ts,
        message.user,
        neutraliseMentions(message.text ?? ''),
      );
      // Someone outside finance wrote in an escalation's thread: not passed on, and told why — once per thread.
      const key = `relay-refused:${message.channel}:${message.thread_ts}:${message.user}`;
      if (relay === 'not_allowed' && (await deps.dedupe.firstSeen(key, deps.clock.now())))
        await client.chat.postEphemeral({
          channel: message.channel,
          user: message.user,
          thread_ts: message.thread_ts,
          text: catalogFor(await deps.languageOf(message.user)).escalations.relayRefused,
        });
    } catch (error) {
      logger.error('thread relay failed', { channel: message.channel, error: String(error) });
    }
  };
}
