import type { App } from '@slack/bolt';
import { CallbackId } from '../../ids.js';
import { createNoticeDrafts } from '../../notice-drafts.js';
import type { SlackDeps } from '../../slack-deps.js';
import { createEscalationActionFormHandler } from './escalation-action.js';
import { createEscalationFormHandler } from './escalation-form.js';
import { createNoticeFormHandler } from './notice-form.js';
import { createNoticePreviewHandler } from './notice-preview.js';

/** Registers modal submissions. */
export function register(app: App, deps: SlackDeps): void {
  const drafts = createNoticeDrafts(deps.memory);
  app.view(CallbackId.noticeForm, createNoticeFormHandler(deps, drafts));
  app.view(CallbackId.noticePreview, createNoticePreviewHandler(deps, drafts));
  app.view(CallbackId.escalationForm, createEscalationFormHandler(deps));
  app.view(CallbackId.escalationAction, createEscalationActionFormHandler(deps));
}
