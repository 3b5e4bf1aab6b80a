import { STEP_IDS, type StepId } from '../domain/checklist.js';
import {
  type EscalationAction,
  type EscalationReason,
  RESOLUTION_CAUSES,
  type ResolutionCause,
  type Urgency,
} from '../domain/escalation.js';
import { isInvoiceKey } from '../domain/identifier.js';
import type { Choice } from './reply.js';

/** Button actions inside a walk-through. */
export type ChecklistAction = 'next' | 'solved' | 'escalate' | 'watch' | 'skip' | 'lost' | 'change';
/** What a lead may say an escalation was caused by (the domain's one list). */
export type ResolveCause = ResolutionCause;

/**
 * Everything a choice (a Slack button, a numbered console option) can ask for. Flows build choices from these and
 * the conversation dispatches on them; the id on the wire is `verb:argument` (see {@link choiceId}).
 */
export type ChoiceAction =
  | { kind: 'lookup'; key: string }
  | { kind: 'troubleshoot'; key: string }
  | { kind: 'escalate'; key: string }
  | { kind: 'escalate_lost'; key: string }
  | { kind: 'checklist'; sessionId: string; position: number; action: ChecklistAction }
  | { kind: 'notice'; action: 'send' | 'discard'; draft: string }
  | { kind: 'file_escalation'; key: string; urgency: Urgency; reason?: EscalationReason }
  | { kind: 'escalation_action'; id: string; action: EscalationAction['kind'] }
  | { kind: 'resolve_cause'; id: string; cause: ResolveCause }
  | { kind: 'view_escalation'; id: string }
  | { kind: 'escalation_details'; id: string }
  /** "Did this solve it?" about an invoice; `step` when asked at the end of a walk-through. */
  | { kind: 'feedback'; key: string; helpful: boolean; step?: StepId };

/** A walk-through button. */
export type WalkChoice = Extract<ChoiceAction, { kind: 'checklist' }>;
/** A notice preview's Send or Discard. */
export type NoticeChoice = Extract<ChoiceAction, { kind: 'notice' }>;
/** The choices the escalation flow answers. */
export type EscalationChoice = Extract<
  ChoiceAction,
  { kind: 'file_escalation' | 'escalation_action' | 'resolve_cause' | 'view_escalation' | 'escalation_details' }
>;

// The verbs are what Slack sees (action id `invoice_<verb>`), so they stay short and stable across releases:
// buttons in old messages must keep working.
const VERB = {
  lookup: 'lookup',
  troubleshoot: 'troubleshoot',
  escalate: 'escalate',
  escalate_lost: 'lostesc',
  checklist: 'chk',
  notice: 'notice',
  file_escalation: 'escfile',
  escalation_action: 'escact',
  resolve_cause: 'escres',
  view_escalation: 'escview',
  escalation_details: 'escdetails',
  feedback: 'fb',
} as const satisfies Record<ChoiceAction['kind'], string>;

const CHECKLIST_ACTIONS: readonly ChecklistAction[] = ['next', 'solved', 'escalate', 'watch', 'skip', 'lost', 'change'];
const ESCALATION_ACTIONS: ReadonlyArray<EscalationAction['kind']> = [
  'claim',
  'assign',
  'waiting',
  'resolve',
  'reopen',
  'duplicate',
];
const REASONS: readonly EscalationReason[] = ['lost'];
const URGENCIES: readonly Urgency[] = ['normal', 'urgent'];

/**
 * The wire id of a choice: `verb:argument`, where the argument may itself contain colons.
 * @example choiceId({ kind: 'lookup', key: 'D24112000000094149929' }) // 'lookup:D24112000000094149929'
 */
export function choiceId(action: ChoiceAction): string {
  const verb = VERB[action.kind];
  switch (action.kind) {
    case 'lookup':
    case 'troubleshoot':
    case 'escalate':
    case 'escalate_lost':
      return `${verb}:${action.key}`;
    case 'checklist':
      return `${verb}:${action.sessionId}:${action.position}:${action.action}`;
    case 'notice':
      return `${verb}:${action.action}:${action.draft}`;
    case 'file_escalation':
      return `${verb}:${action.key}:${action.urgency}${action.reason ? `:${action.reason}` : ''}`;
    case 'escalation_action':
      return `${verb}:${action.id}:${action.action}`;
    case 'resolve_cause':
      return `${verb}:${action.id}:${action.cause}`;
    case 'view_escalation':
    case 'escalation_details':
      return `${verb}:${action.id}`;
    case 'feedback':
      return `${verb}:${action.key}:${action.helpful ? 'up' : 'down'}${action.step ? `:${action.step}` : ''}`;
  }
}

/**
 * A choice the user can pick, for `action`.
 * @example makeChoice({ kind: 'lookup', key: 'D24112000000094149929' }, '24112000000094149929').id // 'lookup:D2411…'
 */
export function makeChoice(action: ChoiceAction, label: string, style?: Choice['style']): Choice {
  return { id: choiceId(action), label, ...(style ? { style } : {}) };
}

/**
 * Splits a wire id into its verb and its argument (Slack carries them as action id and value).
 * @example splitChoiceId('chk:S1:2:next') // { verb: 'chk', argument: 'S1:2:next' }
 */
export function splitChoiceId(id: string): { verb: string; argument: string } {
  const colon = id.indexOf(':');
  return colon < 0 ? { verb: id, argument: '' } : { verb: id.slice(0, colon), argument: id.slice(colon + 1) };
}

const oneOf = <T extends string>(list: readonly T[], word: string | undefined): T | undefined =>
  list.find((item) => item === word);

/**
 * Reads a wire id back; undefined for anything this version did not build (a forged or garbled button value).
 * @example parseChoice('escact:ESC-20261127-001:claim') // { kind: 'escalation_action', id: 'ESC-20261127-001', action: 'claim' }
 * @example parseChoice('lookup:24112000000094149929') // undefined (not a storage key)
 */
export function parseChoice(id: string): ChoiceAction | undefined {
  const { verb, argument } = splitChoiceId(id);
  const parts = argument.split(':');
  const [a = '', b] = parts;
  switch (verb) {
    case VERB.lookup:
    case VERB.troubleshoot:
    case VERB.escalate:
      if (!isInvoiceKey(argument)) return undefined;
      return { kind: verb, key: argument };
    case VERB.escalate_lost:
      return isInvoiceKey(argument) ? { kind: 'escalate_lost', key: argument } : undefined;
    case VERB.checklist: {
      const [sessionId = '', position = '', word] = parts;
      const action = oneOf(CHECKLIST_ACTIONS, word);
      if (!sessionId || !/^\d+$/.test(position) || !action || parts.length !== 3) return undefined;
      return { kind: 'checklist', sessionId, position: Number(position), action };
    }
    case VERB.notice: {
      const action = oneOf(['send', 'discard'] as const, a);
      return action && b && parts.length === 2 ? { kind: 'notice', action, draft: b } : undefined;
    }
    case VERB.file_escalation: {
      const urgency = oneOf(URGENCIES, b);
      const reason = oneOf(REASONS, parts[2]);
      if (!urgency || !isInvoiceKey(a)) return undefined;
      if (parts.length === 2) return { kind: 'file_escalation', key: a, urgency };
      return reason && parts.length === 3 ? { kind: 'file_escalation', key: a, urgency, reason } : undefined;
    }
    case VERB.escalation_action: {
      const action = oneOf(ESCALATION_ACTIONS, b);
      return action && a && parts.length === 2 ? { kind: 'escalation_action', id: a, action } : undefined;
    }
    case VERB.resolve_cause: {
      const cause = oneOf(RESOLUTION_CAUSES, b);
      return cause && a && parts.length === 2 ? { kind: 'resolve_cause', id: a, cause } : undefined;
    }
    case VERB.view_escalation:
      return a && parts.length === 1 ? { kind: 'view_escalation', id: a } : undefined;
    case VERB.escalation_details:
      return a && parts.length === 1 ? { kind: 'escalation_details', id: a } : undefined;
    case VERB.feedback: {
      const helpful = b === 'up' ? true : b === 'down' ? false : undefined;
      const step = oneOf(STEP_IDS, parts[2]);
      if (helpful === undefined || !isInvoiceKey(a) || parts.length > 3 || (parts.length === 3 && !step))
        return undefined;
      return { kind: 'feedback', key: a, helpful, ...(step ? { step } : {}) };
    }
    default:
      return undefined;
  }
}
