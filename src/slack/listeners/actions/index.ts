import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_PREFIX, ActionId } from '../../ids.js';
import type { SlackDeps } from '../../slack-deps.js';
import { createChecklistActionHandler } from './checklist-action.js';
import { createChoiceActionHandler } from './choice-action.js';
import { createEscalateButtonHandler } from './escalate-button.js';
import { createEscalationActionHandler } from './escalation-action.js';

/**
 * Registers button listeners. *Escalate*, the walk-through's buttons and the escalation post's buttons may open a
 * form (they need the click's trigger id); every other `invoice_*` action is a flow choice. Bolt runs every matching
 * listener, so the general pattern excludes those three.
 */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: ActionId.escalate },
    createEscalateButtonHandler(deps),
  );
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: ActionId.escalationAction },
    createEscalationActionHandler(deps),
  );
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: ActionId.checklist },
    createChecklistActionHandler(deps),
  );
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: new RegExp(`^${ACTION_PREFIX}(?!escalate$|escact$|chk$)`) },
    createChoiceActionHandler(deps),
  );
}
