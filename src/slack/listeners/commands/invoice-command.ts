import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isAdmin } from '../../../domain/actor.js';
import { parseCommand } from '../../../flows/parse-command.js';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { buildNoticeModal } from '../../blocks/build-notice-modal.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/** `/invoice …`: ack at once, then answer privately (ephemeral), so invoice details never land in a channel. */
export function createInvoiceCommandHandler(deps: SlackDeps) {
  return async ({ ack, command, respond, client, logger }: Args): Promise<void> => {
    await ack();
    try {
      const actor = { userId: command.user_id, role: deps.roleOf(command.user_id) };
      // `/invoice notice` alone (in any of its aliases) opens the form; with words after it, it is the text form the
      // console also uses.
      const parsed = parseCommand(command.text);
      if (parsed.name === 'notice' && parsed.text === '' && isAdmin(actor)) {
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
