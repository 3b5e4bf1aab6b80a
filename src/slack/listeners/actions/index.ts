import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_PREFIX } from '../../ids.js';
import type { SlackDeps } from '../../slack-deps.js';
import { createChoiceActionHandler } from './choice-action.js';

/** Registers button listeners: every `invoice_*` action is a flow choice. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: new RegExp(`^${ACTION_PREFIX}`) },
    createChoiceActionHandler(deps),
  );
}
