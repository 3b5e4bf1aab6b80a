import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ACTION_PREFIX, ActionId, NoticeBlock } from '../../ids.js';
import type { SlackDeps } from '../../slack-deps.js';
import { route, runMatching } from '../run-matching.js';
import { createChecklistActionHandler } from './checklist-action.js';
import { createChoiceActionHandler } from './choice-action.js';
import { createEscalateButtonHandler } from './escalate-button.js';
import { createEscalationActionHandler } from './escalation-action.js';
import { createNoticeKindHandler } from './notice-kind.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

/**
 * Registers button listeners, as one Bolt listener that dispatches (see `runMatching`). *Escalate*, the walk-through's
 * buttons and the escalation post's buttons may open a form (they need the click's trigger id); every other
 * `invoice_*` action is a flow choice, so the general pattern excludes those three.
 */
export function register(app: App, deps: SlackDeps): void {
  const choice = new RegExp(`^${ACTION_PREFIX}(?!escalate$|escact$|chk$)`);
  const actionId = (id: string | RegExp) => (a: Args) =>
    typeof id === 'string' ? a.action.action_id === id : id.test(a.action.action_id);
  const routes = [
    route(actionId(ActionId.escalate), createEscalateButtonHandler(deps)),
    route(actionId(ActionId.escalationAction), createEscalationActionHandler(deps)),
    route(actionId(ActionId.checklist), createChecklistActionHandler(deps)),
    route(actionId(choice), createChoiceActionHandler(deps)),
    // The notice form's kind radio (its action id is the form's generic `value`, so it is matched by block).
    route((a: Args) => a.action.block_id === NoticeBlock.kind, createNoticeKindHandler(deps)),
  ];
  app.action<BlockAction>({ type: 'block_actions' }, (args) => runMatching(routes, args));
}
