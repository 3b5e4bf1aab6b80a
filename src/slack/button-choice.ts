import { type ChoiceAction, parseChoice, splitChoiceId } from '../flows/choices.js';
import { ACTION_PREFIX } from './ids.js';

/**
 * The Slack form of a flow choice: the verb goes into the action id (so listeners can be registered per verb), the
 * argument into the value.
 * @example buttonIds('lookup:D24112000000094149929') // { action_id: 'invoice_lookup', value: 'D24112000000094149929' }
 */
export function buttonIds(choiceId: string): { action_id: string; value: string } {
  const { verb, argument } = splitChoiceId(choiceId);
  return { action_id: `${ACTION_PREFIX}${verb}`, value: argument };
}

/**
 * The choice id a clicked button stands for: the inverse of {@link buttonIds}. Read it with `parseChoice`.
 * @example buttonChoiceId({ action_id: 'invoice_lookup', value: 'D24112000000094149929' }) // 'lookup:D2411…'
 */
export function buttonChoiceId(action: { action_id: string; value?: string }): string {
  return `${action.action_id.slice(ACTION_PREFIX.length)}:${action.value ?? ''}`;
}

/**
 * What a clicked button asks for: its choice id (for the conversation) and that id read back (undefined when this
 * version never built it).
 * @example clickedChoice({ action_id: 'invoice_escact', value: 'ESC-20261127-001:claim' }).picked?.kind // 'escalation_action'
 */
export function clickedChoice(action: { action_id: string; value?: string }): {
  choiceId: string;
  picked: ChoiceAction | undefined;
} {
  const choiceId = buttonChoiceId(action);
  return { choiceId, picked: parseChoice(choiceId) };
}
