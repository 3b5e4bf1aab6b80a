import type { ModalView } from '@slack/types';
import type { Catalog } from '../../i18n/catalog.js';
import { escapeMrkdwn, truncate } from '../../lib/mrkdwn.js';
import { CallbackId, EscalationBlock } from '../ids.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75) });

/**
 * The escalation form, prefilled with the invoice and what the bot found, so the requester only adds urgency and a
 * note. `context` is the diagnosis shown above the fields.
 */
export function buildEscalationModal(t: Catalog, invoice: string, context: string, privateMetadata = ''): ModalView {
  const f = t.escalations.form;
  const normal = { text: plain(t.escalations.normal), value: 'normal' };
  const urgent = { text: plain(t.escalations.urgent), value: 'urgent' };
  return {
    type: 'modal',
    callback_id: CallbackId.escalationForm,
    ...(privateMetadata ? { private_metadata: privateMetadata } : {}),
    title: plain(f.title),
    submit: plain(f.submit),
    close: plain(f.cancel),
    blocks: [
      ...(context
        ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: truncate(escapeMrkdwn(context), 3000) } }]
        : []),
      {
        type: 'input',
        block_id: EscalationBlock.invoice,
        label: plain(f.invoice),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          ...(invoice ? { initial_value: invoice } : {}),
          max_length: 80,
        },
      },
      {
        type: 'input',
        block_id: EscalationBlock.urgency,
        label: plain(f.urgency),
        element: { type: 'radio_buttons', action_id: 'value', initial_option: normal, options: [normal, urgent] },
      },
      {
        type: 'input',
        block_id: EscalationBlock.note,
        optional: true,
        label: plain(f.note),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: 1000,
          placeholder: plain(f.notePlaceholder),
        },
      },
    ],
  };
}
