import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { buildNoticeModal } from '../../blocks/build-notice-modal.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

// `/invoice notice` alone opens the form; with words after it, it is the text form the console also uses.
const OPENS_FORM = new Set(['notice', '公告']);

/** `/invoice …`: ack at once, then answer privately (ephemeral), so invoice details never land in a channel. */
export function createInvoiceCommandHandler(deps: SlackDeps) {
  return async ({ ack, command, respond, client, logger }: Args): Promise<void> => {
    await ack();
    try {
      const actor = { userId: command.user_id, role: deps.roleOf(command.user_id) };
      if (OPENS_FORM.has(command.text.trim().toLowerCase()) && actor.role === 'admin') {
        const view = buildNoticeModal(catalogFor(deps.language), deps.announceChannels, deps.clock.now());
        await client.views.open({ trigger_id: command.trigger_id, view });
        return;
      }
      const replies = await deps.conversation.receive(actor, { kind: 'text', text: command.text }, 'command');
      await respond({ response_type: 'ephemeral', ...buildReplyMessage(replies) });
    } catch (error) {
      logger.error('/invoice failed', { user: command.user_id, error: String(error) });
      await respond({ response_type: 'ephemeral', text: catalogFor(deps.language).apology });
    }
  };
}
