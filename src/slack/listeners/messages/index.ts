import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../slack-deps.js';
import { route, runMatching } from '../run-matching.js';
import { createDirectMessageHandler } from './direct-message.js';
import { createFileUploadHandler } from './file-upload.js';
import { createThreadReplyHandler } from './thread-reply.js';

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>;

/**
 * Registers message listeners: DMs to the bot, export files sent to it, and replies in escalation threads. One Bolt
 * listener runs all three (each decides whether the message is its own; see `runMatching`).
 */
export function register(app: App, deps: SlackDeps): void {
  const every = () => true;
  const routes = [
    route(every, createDirectMessageHandler(deps)),
    route(every, createThreadReplyHandler(deps)),
    route(every, createFileUploadHandler(deps)),
  ];
  app.message((args) => runMatching<Args>(routes, args));
}
