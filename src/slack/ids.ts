/** Action ids of buttons; a choice `verb:argument` becomes action `invoice_<verb>` with value `argument`. */
export const ActionId = {
  escalationAction: 'invoice_escact',
  checklist: 'invoice_chk',
  lookup: 'invoice_lookup',
  troubleshoot: 'invoice_troubleshoot',
  escalate: 'invoice_escalate',
} as const;

/** Every button action id starts with this, so one listener can take them all. */
export const ACTION_PREFIX = 'invoice_';

/** The one slash command (design.md public interface). */
export const COMMAND = '/invoice';

/** Events the app subscribes to; the manifest test checks they match `manifest.yml`. */
export const EVENTS = ['app_mention', 'message.im', 'message.channels', 'message.groups', 'app_home_opened'] as const;

/** Modal callback ids. */
export const CallbackId = {
  noticeForm: 'notice_form',
  noticePreview: 'notice_preview',
  escalationForm: 'escalation_form',
  escalationAction: 'escalation_action',
  /** The message shortcut "Escalate invoice question" (declared in manifest.yml). */
  escalateMessage: 'escalate_message',
} as const;

/** Block ids of the form a lead resolves, waits on the requester, assigns or marks a duplicate with. */
export const ActionBlock = {
  cause: 'action_cause',
  note: 'action_note',
  question: 'action_question',
  assignee: 'action_assignee',
  original: 'action_original',
  reason: 'action_reason',
} as const;

/** Block ids of the escalation form. */
export const EscalationBlock = {
  invoice: 'escalation_invoice',
  urgency: 'escalation_urgency',
  note: 'escalation_note',
} as const;

/** Block ids of the notice form; validation errors are reported against them. */
export const NoticeBlock = {
  /** Maintenance window or policy change; picking one redraws the form (dispatch_action). */
  kind: 'notice_kind',
  invoiceKinds: 'notice_invoice_kinds',
  link: 'notice_link',
  system: 'notice_system',
  functions: 'notice_functions',
  starts: 'notice_starts',
  ends: 'notice_ends',
  started: 'notice_started',
  messageEn: 'notice_message_en',
  messageZh: 'notice_message_zh',
  channels: 'notice_channels',
  reminders: 'notice_reminders',
} as const;
