import type { App, BlockAction, BlockButtonAction, RadioButtonsAction } from '@slack/bolt';
import { ACTION_PREFIX, ActionId, NoticeBlock } from '../../ids.js';
import type { SlackDeps } from '../../slack-deps.js';
import { createChecklistActionHandler } from './checklist-action.js';
import { createChoiceActionHandler } from './choice-action.js';
import { createEscalateButtonHandler } from './escalate-button.js';
import { createEscalationActionHandler } from './escalation-action.js';
import { createNoticeKindHandler } from './notice-kind.js';

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
  // The notice form's kind radio (its action id is the form's generic `value`, so it is matched by block).
  app.action<BlockAction<RadioButtonsAction>>(
    { type: 'block_actions', block_id: NoticeBlock.kind },
    createNoticeKindHandler(deps),
  );
}
