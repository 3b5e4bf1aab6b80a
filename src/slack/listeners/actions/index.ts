import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  BlockAction,
  Middleware,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
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
 * Registers button listeners, as one global middleware that answers every `block_actions` request itself (dispatching
 * with `runMatching`) and passes everything else on. *Escalate*, the walk-through's buttons and the escalation post's
 * buttons may open a form (they need the click's trigger id); every other `invoice_*` action is a flow choice, so the
 * general pattern excludes those three.
 *
 * Why not `app.action({ type: 'block_actions' }, …)`: Bolt runs every request through the middleware chain of every
 * registered listener (seven here), copying the arguments at each step, before the one that matches. Clicks are most
 * of the bot's requests under load (a walk-through is three or four), and all of that is garbage made per click, as
 * for the slash command (commands/index.ts). Here a click still comes after the receiver's signature check, Bolt's
 * authorization and the global middleware registered before it (the own-message filter, the event dedupe), and a
 * failure reaches `app.error` as a listener's would.
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
  // A click no route takes (a forged payload, or a button a later version renamed) is still acked and answered: the
  // conversation replies to a choice it cannot read with the help text, where Slack would otherwise show the user a
  // timeout warning (issue 11, point 8).
  const unknownAction = createChoiceActionHandler(deps);
  // What Bolt's `onlyActions` and `{ type: 'block_actions' }` constraint checked for the listener this replaces.
  const answerActions: Middleware<AnyMiddlewareArgs> = async (args) => {
    if ('action' in args && args.action && args.body.type === 'block_actions') {
      const click = args as unknown as Args;
      if (routes.some((r) => r.matches(click))) return runMatching(routes, click);
      return unknownAction(click as Parameters<typeof unknownAction>[0]);
    }
    await args.next();
  };
  app.use(answerActions);
}
