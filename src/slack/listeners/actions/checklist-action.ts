import type { AllMiddlewareArgs, BlockButtonAction, Logger, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import { formatId, keyToId } from '../../../domain/identifier.js';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { apologyFor } from '../../apology-for.js';
import { buildEscalationModal } from '../../blocks/build-escalation-modal.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import { clickedChoice } from '../../button-choice.js';
import type { SlackDeps } from '../../slack-deps.js';
import { detachFollowUp, type FollowUp } from './follow-up.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/** The fields of a walk-through click its follow-up needs: copied, so Bolt's request can go once acked. */
type Click = {
  userId: string;
  choiceId: string;
  /** Set for *Escalate*: the walk-through whose checks go into the escalation form. */
  sessionId: string | undefined;
  triggerId: string;
  client: AllMiddlewareArgs['client'];
  respond: RespondFn;
  logger: Logger;
};

/**
 * A walk-through button. *Escalate* opens the escalation form carrying every check's result (the walk-through ends
 * when the form is sent); the other buttons go to the conversation, which also answers stale clicks. The work runs
 * after the ack, in a follow-up that holds only the {@link Click}.
 */
export function createChecklistActionHandler(deps: SlackDeps, followUp: FollowUp = detachFollowUp) {
  return async ({ ack, action, body, client, respond, logger }: Args): Promise<void> => {
    const { choiceId, picked } = clickedChoice(action);
    const sessionId = picked?.kind === 'checklist' && picked.action === 'escalate' ? picked.sessionId : undefined;
    const click: Click = {
      userId: body.user.id,
      choiceId,
      sessionId,
      triggerId: body.trigger_id,
      client,
      respond,
      logger,
    };
    // Not awaited: the listener returns at once and Bolt lets go of the request; the follow-up starts once the ack has
    // gone and the bot gives it its place (app.ts).
    const acked = ack();
    followUp(() => answerClick(deps, acked, click), logger);
  };
}

async function answerClick(deps: SlackDeps, acked: Promise<void>, click: Click): Promise<void> {
  await acked;
  const actor = { userId: click.userId, role: deps.roleOf(click.userId) };
  try {
    if (click.sessionId) {
      // Read for the form only: the other buttons' answers come from the conversation, which reads it itself.
      const language = await deps.languageOf(actor.userId);
      const draft = await deps.checklist.draft(actor, click.sessionId, language);
      if (draft) {
        const context = [
          await deps.escalations.describe(actor, draft.invoiceKey, language),
          ...draft.checks.slice(1).map((c) => `• ${c}`),
        ].join('\n');
        const view = buildEscalationModal(
          catalogFor(language),
          formatId(keyToId(draft.invoiceKey)),
          context,
          JSON.stringify({ session: click.sessionId }),
        );
        await click.client.views.open({ trigger_id: click.triggerId, view });
        return;
      }
    }
    const replies = await deps.conversation.receive(actor, { kind: 'choice', choiceId: click.choiceId }, 'command');
    await click.respond({ response_type: 'ephemeral', replace_original: false, ...buildReplyMessage(replies) });
  } catch (error) {
    click.logger.error('walk-through button failed', { error: String(error) });
    await click.respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: await apologyFor(deps, actor.userId),
    });
  }
}
