import { STEP_IDS } from './checklist.js';
import type { Diagnosis } from './diagnose.js';
import type { Direction } from './direction.js';
import type { InvoiceFiling } from './invoice-filing.js';
import type { InvoiceKind } from './invoice-medium.js';
import { type SlaState, slaState } from './sla-state.js';

/**
 * What finance says caused an escalation: one of the walk-through's steps, a lost invoice, a case finance referred to
 * the tax authority (12366 or the local tax bureau), or something else. One list for the command, the buttons and
 * the form.
 */
export const RESOLUTION_CAUSES = [...STEP_IDS, 'lost', 'tax_authority', 'other'] as const;
export type ResolutionCause = (typeof RESOLUTION_CAUSES)[number];

/** Why the requester escalated, when they said so: today only "I lost the invoice". */
export type EscalationReason = 'lost';

/** Where an escalation is: waiting for a lead, taken, waiting on the requester, done, or folded into another. */
export type EscalationStatus = 'open' | 'claimed' | 'waiting' | 'resolved' | 'duplicate';

/** How urgent the requester says it is (e.g. needed before a filing deadline). */
export type Urgency = 'normal' | 'urgent';

/** One change, shown in the post's history and its thread. */
export type EscalationEvent = {
  at: string;
  by: string;
  action:
    | EscalationAction['kind']
    | 'filed'
    | 'followed'
    | 'noted'
    | 'urgency_raised'
    /** The bot made it urgent as the invoice's filing deadline came close; `text` is the new resolution target. */
    | 'deadline_urgent'
    | 'merged'
    | 'reminder'
    | 'breach'
    | 'relayed';
  text?: string;
  /** For a reply relayed from the thread: whether its author spoke as a finance lead or as an admin. */
  as?: 'finance' | 'admin';
};

/** What a finance lead can do to an escalation. */
export type EscalationAction =
  | { kind: 'claim' }
  | { kind: 'assign'; to: string }
  | { kind: 'waiting'; question: string }
  | { kind: 'resolve'; note: string; cause: ResolutionCause }
  | { kind: 'reopen' }
  /** `reason` is the lead's confirmation when the original is about a different invoice. */
  | { kind: 'duplicate'; of: string; reason?: string };

/** A question handed to finance, with everything the bot already checked. */
export type Escalation = {
  id: string;
  invoiceKey: string;
  requester: string;
  followers: string[];
  urgency: Urgency;
  /** Made urgent by the bot because the invoice's filing deadline was close when it was filed, or came close later. */
  autoUrgent?: boolean;
  /**
   * The return the invoice belongs to, as of filing or of the moment the deadline made it urgent (working days left as
   * of then); `official` says whether the deadline is from the published table or the rule's provisional date.
   */
  filing?: InvoiceFiling;
  note: string;
  /** Set when the requester escalated for a lost invoice; finance's resolve form then suggests that cause. */
  reason?: EscalationReason;
  diagnosis: Diagnosis;
  /** Which side of the invoice we were on when it was filed: decides who fixes it in finance's next step. */
  direction?: Direction;
  /** The invoice's kind when it was filed: decides whether finance's fix may be voiding or only a red invoice. */
  kind?: InvoiceKind;
  checks: string[];
  /** The tax import the diagnosis was based on, when there was one. */
  lastSync?: { importedAt: string; from: string; to: string };
  status: EscalationStatus;
  assignee?: string;
  resolution?: { note: string; cause: ResolutionCause };
  duplicateOf?: string;
  createdAt: string;
  firstResponseDue: string;
  resolutionDue: string;
  firstResponseAt?: string;
  /** Where the escalation was posted: the escalation channel, or each lead's DM. */
  posts: Array<{ channel: string; ts: string }>;
  events: EscalationEvent[];
  /** Reminders already sent (`near:first`, `breach:resolution:2`), so each goes out once. */
  reminded: string[];
  /**
   * The time of a `deadline_urgent` event whose thread note (and the post's edit) has not gone out yet: set in the
   * same write that raises the escalation, cleared once the note is sent, so a crash in between loses no note.
   */
  deadlineNote?: string;
};

/** Why an action does not apply. */
export type EscalationError = { code: 'invalid_transition'; from: EscalationStatus; action: EscalationAction['kind'] };

const ALLOWED: Record<EscalationAction['kind'], readonly EscalationStatus[]> = {
  claim: ['open', 'waiting'],
  assign: ['open', 'claimed', 'waiting'],
  waiting: ['open', 'claimed'],
  resolve: ['open', 'claimed', 'waiting'],
  reopen: ['resolved', 'duplicate'],
  duplicate: ['open', 'claimed', 'waiting'],
};

// The order escalation posts show their buttons in.
const ORDER: ReadonlyArray<EscalationAction['kind']> = ['claim', 'waiting', 'assign', 'resolve', 'duplicate', 'reopen'];

/**
 * The actions that apply to an escalation in this state, in display order.
 * @example allowedActions('claimed') // ['waiting', 'assign', 'resolve', 'duplicate']
 */
export function allowedActions(status: EscalationStatus): Array<EscalationAction['kind']> {
  return ORDER.filter((kind) => ALLOWED[kind].includes(status));
}

/**
 * Applies a lead's action, returning the new escalation (the input is not changed) or why it does not apply.
 * The first action by finance stops the first-response clock.
 * @example applyAction(esc, { kind: 'claim' }, 'ULEAD', now).ok // true for an open escalation
 */
export function applyAction(
  esc: Escalation,
  action: EscalationAction,
  by: string,
  now: Date,
): { ok: true; value: Escalation } | { ok: false; error: EscalationError } {
  if (!ALLOWED[action.kind].includes(esc.status))
    return { ok: false, error: { code: 'invalid_transition', from: esc.status, action: action.kind } };
  const at = now.toISOString();
  const base = { ...esc, firstResponseAt: esc.firstResponseAt ?? at };
  // Equivalent mutant: `kind === 'duplicate'` → `true` reads `of`, which the other actions do not have (undefined).
  const text =
    action.kind === 'resolve'
      ? action.note
      : action.kind === 'assign'
        ? action.to
        : action.kind === 'duplicate'
          ? action.of
          : action.kind === 'waiting'
            ? action.question
            : undefined;
  const events = [...esc.events, { at, by, action: action.kind, ...(text ? { text } : {}) }];
  switch (action.kind) {
    case 'claim':
      return { ok: true, value: { ...base, status: 'claimed', assignee: by, events } };
    case 'assign':
      return { ok: true, value: { ...base, status: 'claimed', assignee: action.to, events } };
    case 'waiting':
      return { ok: true, value: { ...base, status: 'waiting', events } };
    case 'resolve':
      return {
        ok: true,
        value: { ...base, status: 'resolved', resolution: { note: action.note, cause: action.cause }, events },
      };
    case 'reopen': {
      const { resolution: _r, duplicateOf: _d, ...rest } = base;
      return { ok: true, value: { ...rest, status: 'open', events } };
    }
    case 'duplicate':
      return { ok: true, value: { ...base, status: 'duplicate', duplicateOf: action.of, events } };
  }
}

/**
 * True while an escalation still needs finance.
 * @example isOpen({ status: 'waiting' } as Escalation) // true
 */
export function isOpen(esc: Pick<Escalation, 'status'>): boolean {
  return esc.status === 'open' || esc.status === 'claimed' || esc.status === 'waiting';
}

/**
 * The SLA state of an escalation (what the badges show): the worse of its first-response target, until finance first
 * acts, and its resolution target; undefined once it no longer needs finance.
 * @example escalationSla({ status: 'resolved', … } as Escalation, now, 3_600_000) // undefined
 */
export function escalationSla(
  esc: Pick<Escalation, 'status' | 'firstResponseAt' | 'firstResponseDue' | 'resolutionDue'>,
  now: Date,
  nearMs: number,
): SlaState | undefined {
  if (!isOpen(esc)) return undefined;
  const states = [
    ...(esc.firstResponseAt ? [] : [slaState(esc.firstResponseDue, now, nearMs)]),
    slaState(esc.resolutionDue, now, nearMs),
  ];
  return states.includes('overdue') ? 'overdue' : states.includes('due_soon') ? 'due_soon' : 'on_track';
}

/** A reminder that has fallen due. */
export type SlaReminder = { key: string; target: 'first' | 'resolution'; kind: 'near' | 'breach' };

/**
 * The SLA reminders due now and not yet sent: "due soon" once, then "breached" once per `repeatMs` until someone
 * acts. After a restart only the latest breach interval is returned, so missed ticks fire once, not once each.
 * @example slaReminders(esc, now, 3_600_000, 4 * 3_600_000) // [{ key: 'near:first', target: 'first', kind: 'near' }]
 */
export function slaReminders(esc: Escalation, now: Date, nearMs: number, repeatMs: number): SlaReminder[] {
  if (!isOpen(esc) || esc.status === 'waiting') return [];
  const out: SlaReminder[] = [];
  // Equivalent mutant: a junk first entry parses as NaN, which no comparison below lets through.
  const targets: Array<['first' | 'resolution', string]> = [];
  if (!esc.firstResponseAt) targets.push(['first', esc.firstResponseDue]);
  targets.push(['resolution', esc.resolutionDue]);
  for (const [target, due] of targets) {
    const state = slaState(due, now, nearMs);
    if (state === 'overdue') {
      const key = `breach:${target}:${Math.floor((now.getTime() - Date.parse(due)) / repeatMs)}`;
      if (!esc.reminded.includes(key)) out.push({ key, target, kind: 'breach' });
    } else if (state === 'due_soon' && !esc.reminded.includes(`near:${target}`))
      out.push({ key: `near:${target}`, target, kind: 'near' });
  }
  return out;
}
