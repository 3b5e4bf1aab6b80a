import type { KnownBlock, ModalView } from '@slack/types';
import { RESOLUTION_CAUSES, type ResolutionCause } from '../../domain/escalation.js';
import type { Catalog } from '../../i18n/catalog.js';
import { truncate } from '../../lib/mrkdwn.js';
import { ActionBlock, CallbackId } from '../ids.js';

/** The actions that need more than a click. */
export type FormAction = 'resolve' | 'waiting' | 'assign' | 'duplicate';

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75) });

/**
 * The small form for resolving (a cause by its label + a note), waiting on the requester (the question), assigning
 * (a person) or marking a duplicate (a reference, and a reason when it is about another invoice). `suggested`
 * pre-selects a cause (a lost invoice's).
 */
export function buildEscalationActionModal(
  t: Catalog,
  id: string,
  action: FormAction,
  suggested?: ResolutionCause,
): ModalView {
  const f = t.escalations.actionForm;
  const causeOption = (c: ResolutionCause) => ({ text: plain(t.escalations.cause(c)), value: c });
  const blocks: KnownBlock[] =
    action === 'resolve'
      ? [
          {
            type: 'input',
            block_id: ActionBlock.cause,
            label: plain(f.cause),
            element: {
              type: 'static_select',
              action_id: 'value',
              ...(suggested ? { initial_option: causeOption(suggested) } : {}),
              options: RESOLUTION_CAUSES.map(causeOption),
            },
          },
          {
            type: 'input',
            block_id: ActionBlock.note,
            label: plain(f.note),
            element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 1000 },
          },
        ]
      : action === 'waiting'
        ? [
            {
              type: 'input',
              block_id: ActionBlock.question,
              label: plain(f.question),
              element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 1000 },
            },
          ]
        : action === 'assign'
          ? [
              {
                type: 'input',
                block_id: ActionBlock.assignee,
                label: plain(f.assignee),
                element: { type: 'users_select', action_id: 'value' },
              },
            ]
          : [
              {
                type: 'input',
                block_id: ActionBlock.original,
                label: plain(f.original),
                element: { type: 'plain_text_input', action_id: 'value', max_length: 40 },
              },
              {
                type: 'input',
                block_id: ActionBlock.reason,
                optional: true,
                label: plain(f.reason),
                element: { type: 'plain_text_input', action_id: 'value', max_length: 500 },
              },
            ];
  return {
    type: 'modal',
    callback_id: CallbackId.escalationAction,
    private_metadata: JSON.stringify({ id, action }),
    title: plain(`${f.title} ${id}`.slice(0, 24)),
    submit: plain(f.submit),
    close: plain(t.escalations.form.cancel),
    blocks,
  };
}
