import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { apologyFor } from '../../apology-for.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import type { SlackDeps } from '../../slack-deps.js';
import { stripMentions } from '../strip-mentions.js';

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>;

/** An @mention in a channel: answer in the thread, with sensitive fields masked because the thread is shared. */
export function createAppMentionHandler(deps: SlackDeps) {
  return async ({ event, say, logger }: Args): Promise<void> => {
    const thread_ts = event.thread_ts ?? event.ts;
    try {
      const userId = event.user ?? '';
      const actor = { userId, role: deps.roleOf(userId) };
      const replies = await deps.conversation.receive(
        actor,
        { kind: 'text', text: stripMentions(event.text) },
        'mention',
      );
      await say({ thread_ts, ...buildReplyMessage(replies) });
    } catch (error) {
      logger.error('app_mention failed', { channel: event.channel, error: String(error) });
      await say({ thread_ts, text: await apologyFor(deps, event.user ?? '') });
    }
  };
}
