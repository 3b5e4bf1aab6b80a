import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { formatId, keyToId } from '../../../domain/identifier.js';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { apologyFor } from '../../apology-for.js';
import { buildEscalationModal } from '../../blocks/build-escalation-modal.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import { clickedChoice } from '../../button-choice.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/**
 * A walk-through button. *Escalate* opens the escalation form carrying every check's result (the walk-through ends
 * when the form is sent); the other buttons go to the conversation, which also answers stale clicks.
 */
export function createChecklistActionHandler(deps: SlackDeps) {
  return async ({ ack, action, body, client, respond, logger }: Args): Promise<void> => {
    await ack();
    const actor = { userId: body.user.id, role: deps.roleOf(body.user.id) };
    try {
      const { choiceId, picked } = clickedChoice(action);
      const sessionId = picked?.kind === 'checklist' && picked.action === 'escalate' ? picked.sessionId : undefined;
      if (sessionId) {
        // Read for the form only: the other buttons' answers come from the conversation, which reads it itself.
        const language = await deps.languageOf(actor.userId);
        const draft = await deps.checklist.draft(actor, sessionId, language);
        if (draft) {
          const context = [
            await deps.escalations.describe(actor, draft.invoiceKey, language),
            ...draft.checks.slice(1).map((c) => `• ${c}`),
          ].join('\n');
          const view = buildEscalationModal(
            catalogFor(language),
            formatId(keyToId(draft.invoiceKey)),
            context,
            JSON.stringify({ session: sessionId }),
          );
          await client.views.open({ trigger_id: body.trigger_id, view });
          return;
        }
      }
      const replies = await deps.conversation.receive(actor, { kind: 'choice', choiceId }, 'command');
      await respond({ response_type: 'ephemeral', replace_original: false, ...buildReplyMessage(replies) });
    } catch (error) {
      logger.error('walk-through button failed', { error: String(error) });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: await apologyFor(deps, actor.userId),
      });
    }
  };
}
