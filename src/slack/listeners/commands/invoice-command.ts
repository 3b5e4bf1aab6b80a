import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/** `/invoice …`: ack at once, then answer privately (ephemeral), so invoice details never land in a channel. */
export function createInvoiceCommandHandler(deps: SlackDeps) {
  return async ({ ack, command, respond, logger }: Args): Promise<void> => {
    await ack();
    try {
      const actor = { userId: command.user_id, role: deps.roleOf(command.user_id) };
      const replies = await deps.conversation.receive(actor, { kind: 'text', text: command.text }, 'command');
      await respond({ response_type: 'ephemeral', ...buildReplyMessage(replies) });
    } catch (error) {
      logger.error('/invoice failed', { user: command.user_id, error: String(error) });
      await respond({ response_type: 'ephemeral', text: catalogFor(deps.language).apology });
    }
  };
}
