import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { CallbackId } from '../../ids.js';
import { createNoticeDrafts } from '../../notice-drafts.js';
import type { SlackDeps } from '../../slack-deps.js';
import { route, runMatching } from '../run-matching.js';
import { createEscalationActionFormHandler } from './escalation-action.js';
import { createEscalationFormHandler } from './escalation-form.js';
import { createNoticeFormHandler } from './notice-form.js';
import { createNoticePreviewHandler } from './notice-preview.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/** Registers modal submissions, as one Bolt listener that dispatches on the callback id (see `runMatching`). */
export function register(app: App, deps: SlackDeps): void {
  const drafts = createNoticeDrafts(deps.memory);
  const handlers = {
    [CallbackId.noticeForm]: createNoticeFormHandler(deps, drafts),
    [CallbackId.noticePreview]: createNoticePreviewHandler(deps, drafts),
    [CallbackId.escalationForm]: createEscalationFormHandler(deps),
    [CallbackId.escalationAction]: createEscalationActionFormHandler(deps),
  };
  const routes = Object.entries(handlers).map(([id, handler]) =>
    route((a: Args) => a.view.callback_id === id, handler),
  );
  // Callback ids are snake_case words: nothing to escape.
  const callbackIds = new RegExp(`^(${Object.keys(handlers).join('|')})$`);
  app.view<ViewSubmitAction>({ type: 'view_submission', callback_id: callbackIds }, (args) =>
    runMatching(routes, args),
  );
}
