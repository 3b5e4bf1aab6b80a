import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { apologyFor } from '../../apology-for.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import type { SlackDeps } from '../../slack-deps.js';
import { stripMentions } from '../strip-mentions.js';

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>;

/**
 * A DM to the bot: plain user messages only (no edits, joins or bot echoes), answered in the DM. A reply in the
 * thread of an escalation the bot posted to a lead's DM (no escalation channel) is relayed like a channel thread
 * reply instead.
 */
export function createDirectMessageHandler(deps: SlackDeps) {
  return async ({ message, say, logger }: Args): Promise<void> => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || 'bot_id' in message) return;
    const thread = message.thread_ts ? { thread_ts: message.thread_ts } : {};
    try {
      if (
        message.thread_ts &&
        message.thread_ts !== message.ts &&
        (await deps.escalations.relayThread(message.channel, message.thread_ts, message.user, message.text ?? '')) ===
          'relayed'
      )
        return;
      const actor = { userId: message.user, role: deps.roleOf(message.user) };
      const replies = await deps.conversation.receive(
        actor,
        { kind: 'text', text: stripMentions(message.text ?? '') },
        'dm',
      );
      await say({ ...thread, ...buildReplyMessage(replies) });
    } catch (error) {
      logger.error('direct message failed', { user: message.user, error: String(error) });
      await say({ ...thread, text: await apologyFor(deps, message.user) });
    }
  };
}
