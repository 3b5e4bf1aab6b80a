import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_PREFIX, ActionId } from '../../ids.js';
import type { SlackDeps } from '../../slack-deps.js';
import { createChoiceActionHandler } from './choice-action.js';
import { createEscalateButtonHandler } from './escalate-button.js';

/**
 * Registers button listeners. *Escalate* opens a form (it needs the click's trigger id); every other `invoice_*`
 * action is a flow choice. Bolt runs every matching listener, so the general pattern excludes Escalate.
 */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: ActionId.escalate },
    createEscalateButtonHandler(deps),
  );
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: new RegExp(`^${ACTION_PREFIX}(?!escalate$)`) },
    createChoiceActionHandler(deps),
  );
}
