import type { AllMiddlewareArgs, BlockButtonAction, Logger, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import { apologyFor } from '../../apology-for.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import { buttonChoiceId } from '../../button-choice.js';
import type { SlackDeps } from '../../slack-deps.js';
import { detachFollowUp, type FollowUp } from './follow-up.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/**
 * A button was clicked: turn `invoice_<verb>` + value back into the flow choice `verb:value`. The answer goes through
 * the response_url after the ack, in a follow-up that holds only the click's user, choice and reply channel.
 */
export function createChoiceActionHandler(deps: SlackDeps, followUp: FollowUp = detachFollowUp) {
  return async ({ ack, action, body, respond, logger }: Args): Promise<void> => {
    const userId = body.user.id;
    const actionId = action.action_id;
    const choiceId = buttonChoiceId(action);
    // Not awaited: the listener returns at once and Bolt lets go of the request; the follow-up starts once the ack has
    // gone and the bot gives it its place (app.ts).
    const acked = ack();
    followUp(() => answerChoice(deps, acked, userId, actionId, choiceId, respond, logger), logger);
  };
}

async function answerChoice(
  deps: SlackDeps,
  acked: Promise<void>,
  userId: string,
  actionId: string,
  choiceId: string,
  respond: RespondFn,
  logger: Logger,
): Promise<void> {
  await acked;
  try {
    const actor = { userId, role: deps.roleOf(userId) };
    const replies = await deps.conversation.receive(actor, { kind: 'choice', choiceId }, 'command');
    await respond({ response_type: 'ephemeral', replace_original: false, ...buildReplyMessage(replies) });
  } catch (error) {
    logger.error('button failed', { action: actionId, error: String(error) });
    await respond({ response_type: 'ephemeral', replace_original: false, text: await apologyFor(deps, userId) });
  }
}
