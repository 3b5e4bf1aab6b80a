import type { AffectedFunction, MaintenanceWindow } from './maintenance-window.js';
import type { PolicyDetails } from './policy-change.js';

/** Systems a notice can be about. */
export const NOTICE_SYSTEMS = ['etax', 'einvoice', 'erp', 'other'] as const;
export type NoticeSystem = (typeof NOTICE_SYSTEMS)[number];

/** Where a notice is in its life. */
export type NoticeStatus = 'scheduled' | 'in_progress' | 'completed' | 'cancelled';

/** One channel's copy of the announcement: its message ts once posted, or why posting failed. */
export type NoticePost = { channel: string; ts?: string; error?: string };

/** A change or lifecycle event, shown in the announcement's thread. */
export type NoticeEvent = {
  at: string;
  kind: 'scheduled' | 'reminder' | 'started' | 'completed' | 'updated' | 'extended' | 'ended_early' | 'cancelled';
  by?: string;
  text?: string;
  minutesBefore?: number;
};

/** A maintenance window (start and end), or a tax policy change (an effective date and no end). */
export type NoticeKind = 'maintenance' | 'policy';

/**
 * A maintenance or update notice, from scheduling to completion, or a policy change from announcement to taking
 * effect. Times are ISO 8601. A policy change takes effect at `startsAt` and has no end: its `endsAt` equals
 * `startsAt` and means nothing.
 */
export type Notice = {
  id: string;
  /** Absent on notices stored before policy changes existed: those are maintenance windows. */
  kind?: NoticeKind;
  /** For a policy change: the invoice kinds it affects and an optional link. */
  policy?: PolicyDetails;
  system: NoticeSystem;
  functions: AffectedFunction[];
  startsAt: string;
  endsAt: string;
  message: { en?: string; zh?: string };
  channels: string[];
  /** Minutes before the start at which a reminder goes out. */
  reminders: number[];
  status: NoticeStatus;
  createdBy: string;
  createdAt: string;
  posts: NoticePost[];
  events: NoticeEvent[];
  /** Lifecycle steps already carried out (`reminder:60`, `start`, `complete`), so each happens once. */
  done: string[];
};

/** What an admin fills in to schedule a notice. */
export type NoticeDraft = Pick<
  Notice,
  'kind' | 'policy' | 'system' | 'functions' | 'startsAt' | 'endsAt' | 'message' | 'channels' | 'reminders'
> & { alreadyStarted: boolean };

/** A field of the draft and what is wrong with it. */
export type NoticeProblem = {
  field: 'startsAt' | 'endsAt' | 'message' | 'channels' | 'functions' | 'invoiceKinds' | 'link';
  code:
    | 'no_invoice_kind'
    | 'bad_link'
    | 'policy_has_no_end'
    | 'end_before_start'
    | 'start_in_past'
    | 'too_long'
    | 'no_channel'
    | 'empty_message'
    | 'no_function'
    | 'started_in_future';
};

/** The longest window a notice may announce; anything longer is almost certainly a typo in the end date. */
export const MAX_WINDOW_DAYS = 7;
// A start a few minutes ago is a slow form, not a window already under way.
const PAST_GRACE_MS = 5 * 60_000;

/**
 * Every problem with a draft, so the form can show them all at once; empty when it can be scheduled.
 * @example validateNotice({ ...draft, endsAt: draft.startsAt }, now)[0]?.code // 'end_before_start'
 */
export function validateNotice(draft: NoticeDraft, now: Date): NoticeProblem[] {
  if (draft.kind === 'policy') return validatePolicy(draft);
  const problems: NoticeProblem[] = [];
  const start = Date.parse(draft.startsAt);
  const end = Date.parse(draft.endsAt);
  if (end <= start) problems.push({ field: 'endsAt', code: 'end_before_start' });
  else if (end - start > MAX_WINDOW_DAYS * 86_400_000) problems.push({ field: 'endsAt', code: 'too_long' });
  if (!draft.alreadyStarted && start < now.getTime() - PAST_GRACE_MS)
    problems.push({ field: 'startsAt', code: 'start_in_past' });
  if (draft.alreadyStarted && start > now.getTime()) problems.push({ field: 'startsAt', code: 'started_in_future' });
  if (draft.alreadyStarted && end <= now.getTime() && end > start)
    problems.push({ field: 'endsAt', code: 'end_before_start' });
  if (draft.channels.length === 0) problems.push({ field: 'channels', code: 'no_channel' });
  if (!draft.message.en?.trim() && !draft.message.zh?.trim())
    problems.push({ field: 'message', code: 'empty_message' });
  if (draft.functions.length === 0) problems.push({ field: 'functions', code: 'no_function' });
  return problems;
}

// A policy change has an effective date (past or future: a change already in force may still need announcing), the
// invoice kinds it affects, an explanation and channels; functions are optional, a link must be a web address.
function validatePolicy(draft: NoticeDraft): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  if (!draft.policy || draft.policy.invoiceKinds.length === 0)
    problems.push({ field: 'invoiceKinds', code: 'no_invoice_kind' });
  if (draft.policy?.link !== undefined && !/^https?:\/\/\S+$/.test(draft.policy.link))
    problems.push({ field: 'link', code: 'bad_link' });
  if (draft.channels.length === 0) problems.push({ field: 'channels', code: 'no_channel' });
  if (!draft.message.en?.trim() && !draft.message.zh?.trim())
    problems.push({ field: 'message', code: 'empty_message' });
  return problems;
}

/** A lifecycle step that has fallen due. */
export type DueEvent =
  | { key: string; kind: 'reminder'; minutesBefore: number }
  | { key: 'start'; kind: 'start' }
  | { key: 'complete'; kind: 'complete' };

/**
 * The lifecycle steps due at `now` that have not happened yet, in order. After a restart this returns what fell due
 * while the bot was down, once each; a reminder whose moment is already past the start is not returned but marked
 * skipped in `skip`, because "starts in 1 hour" after the start would be wrong.
 * @example dueEvents(notice, now).due.map((e) => e.key) // ['reminder:60']
 */
export function dueEvents(notice: Notice, now: Date): { due: DueEvent[]; skip: string[] } {
  if (notice.status === 'cancelled' || notice.status === 'completed') return { due: [], skip: [] };
  const t = now.getTime();
  const start = Date.parse(notice.startsAt);
  // A policy change only takes effect: no reminders, and no end.
  if (notice.kind === 'policy')
    return { due: !notice.done.includes('start') && t >= start ? [{ key: 'start', kind: 'start' }] : [], skip: [] };
  const end = Date.parse(notice.endsAt);
  const due: DueEvent[] = [];
  const skip: string[] = [];
  for (const minutes of [...notice.reminders].sort((a, b) => b - a)) {
    const key = `reminder:${minutes}`;
    if (notice.done.includes(key) || t < start - minutes * 60_000) continue;
    if (t >= start) skip.push(key);
    else due.push({ key, kind: 'reminder', minutesBefore: minutes });
  }
  if (!notice.done.includes('start') && t >= start && t < end) due.push({ key: 'start', kind: 'start' });
  if (!notice.done.includes('complete') && t >= end) {
    if (!notice.done.includes('start')) skip.push('start');
    due.push({ key: 'complete', kind: 'complete' });
  }
  return { due, skip };
}

/**
 * The window a notice puts into the diagnosis; cancelled notices put none.
 * @example toWindow(notice)?.functions // ['issuing']
 */
export function toWindow(notice: Notice, title: string): MaintenanceWindow | undefined {
  if (notice.status === 'cancelled' || notice.kind === 'policy') return undefined;
  return {
    id: notice.id,
    title,
    system: notice.system,
    functions: notice.functions,
    startsAt: notice.startsAt,
    endsAt: notice.endsAt,
  };
}
