import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../slack-deps.js';
import { createDirectMessageHandler } from './direct-message.js';
import { createFileUploadHandler } from './file-upload.js';
import { createThreadReplyHandler } from './thread-reply.js';

/** Registers message listeners: DMs to the bot, export files sent to it, and replies in escalation threads. */
export function register(app: App, deps: SlackDeps): void {
  app.message(createDirectMessageHandler(deps));
  app.message(createThreadReplyHandler(deps));
  app.message(createFileUploadHandler(deps));
}
