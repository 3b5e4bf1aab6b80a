import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import type { SlackDeps } from '../../slack-deps.js';
import { stripMentions } from '../strip-mentions.js';

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>;

/** A DM to the bot: plain user messages only (no edits, joins or bot echoes), answered in the DM. */
export function createDirectMessageHandler(deps: SlackDeps) {
  return async ({ message, say, logger }: Args): Promise<void> => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || 'bot_id' in message) return;
    const thread = message.thread_ts ? { thread_ts: message.thread_ts } : {};
    try {
      const actor = { userId: message.user, role: deps.roleOf(message.user) };
      const replies = await deps.conversation.receive(
        actor,
        { kind: 'text', text: stripMentions(message.text ?? '') },
        'dm',
      );
      await say({ ...thread, ...buildReplyMessage(replies) });
    } catch (error) {
      logger.error('direct message failed', { user: message.user, error: String(error) });
      await say({ ...thread, text: catalogFor(deps.language).apology });
    }
  };
}
