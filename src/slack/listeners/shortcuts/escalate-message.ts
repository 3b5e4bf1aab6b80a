import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { extractIds } from '../../../domain/extract-ids.js';
import { formatId } from '../../../domain/identifier.js';
import { MAX_MESSAGE } from '../../../flows/conversation.js';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { truncate } from '../../../lib/mrkdwn.js';
import { buildEscalationModal } from '../../blocks/build-escalation-modal.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackShortcutMiddlewareArgs<MessageShortcut>;

/** "Escalate invoice question" on any message: the escalation form, with the first invoice id in the message. */
export function createEscalateMessageHandler(deps: SlackDeps) {
  return async ({ ack, shortcut, client, logger }: Args): Promise<void> => {
    await ack();
    try {
      // Read like a typed message: only its start (see MAX_MESSAGE), so a huge message costs no more than a short one.
      const text = (shortcut.message.text ?? '').slice(0, MAX_MESSAGE);
      const id = extractIds(text, deps.clock.now()).find((m) => m.id)?.id;
      const t = catalogFor(await deps.languageOf(shortcut.user.id));
      const view = buildEscalationModal(t, id ? formatId(id) : '', `> ${truncate(text, 500)}`);
      await client.views.open({ trigger_id: shortcut.trigger_id, view });
    } catch (error) {
      logger.error('escalate shortcut failed', { error: String(error) });
    }
  };
}
