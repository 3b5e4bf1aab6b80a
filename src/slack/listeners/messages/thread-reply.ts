import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { neutraliseMentions } from '../../../lib/mrkdwn.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>;

/** A reply in a channel thread: if the thread is an escalation post, finance's words go to the requester by DM. */
export function createThreadReplyHandler(deps: SlackDeps) {
  return async ({ message, logger }: Args): Promise<void> => {
    if (message.channel_type === 'im' || message.subtype !== undefined || 'bot_id' in message || !message.thread_ts)
      return;
    if (message.thread_ts === message.ts) return;
    try {
      await deps.escalations.relayThread(
        message.channel,
        message.thread_ts,
        message.user,
        neutraliseMentions(message.text ?? ''),
      );
    } catch (error) {
      logger.error('thread relay failed', { channel: message.channel, error: String(error) });
    }
  };
}
