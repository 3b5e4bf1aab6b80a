import type { ContextActionsBlock, KnownBlock } from '@slack/types';
import type { Choice } from '../../flows/reply.js';
import { truncate } from '../../lib/mrkdwn.js';
import { buttonIds } from '../button-choice.js';

/**
 * "Did this solve it?" as Slack's own feedback control: the question as context, then a `context_actions` block with
 * one `feedback_buttons` element. Both buttons share the action id of their verb; the clicked button's value says
 * which it was (Bolt 5.1 delivers it as a `feedback_buttons` block action, with `value`).
 * @example buildFeedbackBlock('Did this solve it?', up, down)[1].type // 'context_actions'
 */
export function buildFeedbackBlock(question: string, helpful: Choice, unhelpful: Choice): KnownBlock[] {
  const positive = buttonIds(helpful.id);
  const negative = buttonIds(unhelpful.id);
  const actions: ContextActionsBlock = {
    type: 'context_actions',
    elements: [
      {
        type: 'feedback_buttons',
        action_id: positive.action_id,
        positive_button: {
          text: { type: 'plain_text', text: '👍' },
          value: truncate(positive.value, 2000),
          accessibility_label: truncate(helpful.label, 75),
        },
        negative_button: {
          text: { type: 'plain_text', text: '👎' },
          value: truncate(negative.value, 2000),
          accessibility_label: truncate(unhelpful.label, 75),
        },
      },
    ],
  };
  return [{ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(question, 3000) }] }, actions];
}
