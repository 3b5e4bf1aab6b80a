import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { isFinance } from '../../../domain/actor.js';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { apologyFor } from '../../apology-for.js';
import { buildEscalationActionModal, type FormAction } from '../../blocks/build-escalation-action-modal.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import { clickedChoice } from '../../button-choice.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

const NEEDS_FORM: readonly FormAction[] = ['resolve', 'waiting', 'assign', 'duplicate'];

/**
 * A button on an escalation post. Resolve, Waiting, Assign and Duplicate open a small form (for finance only);
 * Claim and Reopen act at once through the conversation, which also refuses employees.
 */
export function createEscalationActionHandler(deps: SlackDeps) {
  return async ({ ack, action, body, client, respond, logger }: Args): Promise<void> => {
    await ack();
    const actor = { userId: body.user.id, role: deps.roleOf(body.user.id) };
    try {
      const { choiceId, picked } = clickedChoice(action);
      const form = picked?.kind === 'escalation_action' ? NEEDS_FORM.find((a) => a === picked.action) : undefined;
      if (picked?.kind === 'escalation_action' && form && isFinance(actor)) {
        await client.views.open({
          trigger_id: body.trigger_id,
          view: buildEscalationActionModal(
            catalogFor(await deps.languageOf(actor.userId)),
            picked.id,
            form,
            await deps.escalations.suggestedCause(picked.id),
          ),
        });
        return;
      }
      const replies = await deps.conversation.receive(actor, { kind: 'choice', choiceId }, 'command');
      await respond({ response_type: 'ephemeral', replace_original: false, ...buildReplyMessage(replies) });
    } catch (error) {
      logger.error('escalation button failed', { error: String(error) });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: await apologyFor(deps, actor.userId),
      });
    }
  };
}
