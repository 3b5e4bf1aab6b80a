import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../slack-deps.js';
import { createDirectMessageHandler } from './direct-message.js';

/** Registers message listeners. */
export function register(app: App, deps: SlackDeps): void {
  app.message(createDirectMessageHandler(deps));
}
