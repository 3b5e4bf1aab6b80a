import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { AFFECTED_FUNCTIONS } from '../../domain/maintenance-window.js';
import { NOTICE_SYSTEMS, type NoticeKind } from '../../domain/notice.js';
import { POLICY_INVOICE_KINDS } from '../../domain/policy-change.js';
import type { Catalog } from '../../i18n/catalog.js';
import { escapeMrkdwn, truncate } from '../../lib/mrkdwn.js';
import { CallbackId, NoticeBlock } from '../ids.js';

const REMINDERS = [1440, 60];
// Each message stays short enough to read as one announcement (the draft itself stays on the server).
const MAX_MESSAGE = 1000;

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75) });
const option = (text: string, value: string): PlainTextOption => ({ text: plain(text), value });

/**
 * The form admins schedule a notice with (`/invoice notice`): a maintenance window, or a tax policy change (picking
 * the kind redraws the form). Times are picked in each admin's Slack time zone.
 */
export function buildNoticeModal(
  t: Catalog,
  announceChannels: readonly string[],
  now: Date,
  kind: NoticeKind = 'maintenance',
): ModalView {
  const f = t.notices.form;
  const nextHour = Math.ceil(now.getTime() / 3_600_000) * 3600;
  const kindOption = (k: NoticeKind) => option(t.notices.kind(k), k);
  const kindBlock: KnownBlock = {
    type: 'input',
    block_id: NoticeBlock.kind,
    dispatch_action: true,
    label: plain(f.kind),
    element: {
      type: 'radio_buttons',
      action_id: 'value',
      initial_option: kindOption(kind),
      options: [kindOption('maintenance'), kindOption('policy')],
    },
  };
  const channels: KnownBlock = {
    type: 'input',
    block_id: NoticeBlock.channels,
    label: plain(f.channels),
    element: {
      type: 'multi_conversations_select',
      action_id: 'value',
      ...(announceChannels.length > 0 ? { initial_conversations: [...announceChannels] } : {}),
      filter: { include: ['public', 'private'], exclude_bot_users: true },
    },
  };
  const message = (block: string, label: string): KnownBlock => ({
    type: 'input',
    block_id: block,
    optional: true,
    label: plain(label),
    element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: MAX_MESSAGE },
  });
  if (kind === 'policy')
    return {
      type: 'modal',
      callback_id: CallbackId.noticeForm,
      title: plain(f.policyTitle),
      submit: plain(f.preview),
      close: plain(f.cancel),
      blocks: [
        kindBlock,
        {
          type: 'input',
          block_id: NoticeBlock.starts,
          label: plain(f.effective),
          element: { type: 'datetimepicker', action_id: 'value', initial_date_time: nextHour },
        },
        {
          type: 'input',
          block_id: NoticeBlock.invoiceKinds,
          label: plain(f.invoiceKinds),
          element: {
            type: 'checkboxes',
            action_id: 'value',
            options: POLICY_INVOICE_KINDS.map((k) => option(t.notices.invoiceKinds([k]), k)),
          },
        },
        {
          type: 'input',
          block_id: NoticeBlock.functions,
          optional: true,
          label: plain(f.functions),
          element: {
            type: 'checkboxes',
            action_id: 'value',
            options: AFFECTED_FUNCTIONS.map((fn) => option(t.notices.fn(fn), fn)),
          },
        },
        message(NoticeBlock.messageZh, f.messageZh),
        message(NoticeBlock.messageEn, f.messageEn),
        {
          type: 'input',
          block_id: NoticeBlock.link,
          optional: true,
          label: plain(f.link),
          element: { type: 'plain_text_input', action_id: 'value', max_length: 500 },
        },
        channels,
      ],
    };
  const blocks: KnownBlock[] = [
    kindBlock,
    {
      type: 'input',
      block_id: NoticeBlock.system,
      label: plain(f.system),
      element: {
        type: 'static_select',
        action_id: 'value',
        initial_option: option(t.notices.system('einvoice'), 'einvoice'),
        options: NOTICE_SYSTEMS.map((s) => option(t.notices.system(s), s)),
      },
    },
    {
      type: 'input',
      block_id: NoticeBlock.functions,
      label: plain(f.functions),
      element: {
        type: 'checkboxes',
        action_id: 'value',
        options: AFFECTED_FUNCTIONS.map((fn) => option(t.notices.fn(fn), fn)),
      },
    },
    {
      type: 'input',
      block_id: NoticeBlock.starts,
      label: plain(f.starts),
      element: { type: 'datetimepicker', action_id: 'value', initial_date_time: nextHour },
    },
    {
      type: 'input',
      block_id: NoticeBlock.ends,
      label: plain(f.ends),
      element: { type: 'datetimepicker', action_id: 'value', initial_date_time: nextHour + 7200 },
    },
    {
      type: 'input',
      block_id: NoticeBlock.started,
      optional: true,
      label: plain(f.started),
      element: { type: 'checkboxes', action_id: 'value', options: [option(f.startedOption, 'yes')] },
    },
    message(NoticeBlock.messageZh, f.messageZh),
    message(NoticeBlock.messageEn, f.messageEn),
    channels,
    {
      type: 'input',
      block_id: NoticeBlock.reminders,
      optional: true,
      label: plain(f.reminders),
      element: {
        type: 'checkboxes',
        action_id: 'value',
        options: REMINDERS.map((m) => option(f.reminder(m), String(m))),
        initial_options: REMINDERS.map((m) => option(f.reminder(m), String(m))),
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: CallbackId.noticeForm,
    title: plain(f.title),
    submit: plain(f.preview),
    close: plain(f.cancel),
    blocks,
  };
}

/** The second screen: the announcement exactly as it will be posted; the Send button finds the draft by `draftId`. */
export function buildNoticePreview(t: Catalog, text: string, draftId: string): ModalView {
  const f = t.notices.form;
  return {
    type: 'modal',
    callback_id: CallbackId.noticePreview,
    title: plain(f.previewTitle),
    submit: plain(f.send),
    close: plain(f.cancel),
    private_metadata: draftId,
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(t.notices.preview) }] },
      { type: 'section', text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(text), 3000) } },
    ],
  };
}
