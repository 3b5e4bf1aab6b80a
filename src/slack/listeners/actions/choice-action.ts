import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { apologyFor } from '../../apology-for.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import { buttonChoiceId } from '../../button-choice.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/** A button was clicked: turn `invoice_<verb>` + value back into the flow choice `verb:value`. */
export function createChoiceActionHandler(deps: SlackDeps) {
  return async ({ ack, action, body, respond, logger }: Args): Promise<void> => {
    await ack();
    try {
      const actor = { userId: body.user.id, role: deps.roleOf(body.user.id) };
      const choiceId = buttonChoiceId(action);
      const replies = await deps.conversation.receive(actor, { kind: 'choice', choiceId }, 'command');
      await respond({ response_type: 'ephemeral', replace_original: false, ...buildReplyMessage(replies) });
    } catch (error) {
      logger.error('button failed', { action: action.action_id, error: String(error) });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: await apologyFor(deps, body.user.id),
      });
    }
  };
}
