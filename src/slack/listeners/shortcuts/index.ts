import type { App } from '@slack/bolt';
import { CallbackId } from '../../ids.js';
import type { SlackDeps } from '../../slack-deps.js';
import { createEscalateMessageHandler } from './escalate-message.js';

/** Registers shortcuts (declared in manifest.yml). */
export function register(app: App, deps: SlackDeps): void {
  app.shortcut({ type: 'message_action', callback_id: CallbackId.escalateMessage }, createEscalateMessageHandler(deps));
}
