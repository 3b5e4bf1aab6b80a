import type { AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';
import { COMMAND } from '../../ids.js';
import type { SlackDeps } from '../../slack-deps.js';
import { createInvoiceCommandHandler } from './invoice-command.js';

/**
 * Registers the slash command as a global middleware that answers `/invoice` itself and passes everything else on.
 *
 * Why not `app.command(COMMAND, …)`: Bolt runs every request through the middleware chain of every registered
 * listener (seven here), copying the arguments at each step, before the one that matches acks. The slash command is
 * the bot's hottest request and needs none of that: answered here, it skips ~0.05–0.09 ms of Bolt's dispatch per
 * command (bench/phase-query.ts, in-process), a quarter of what answering a lookup costs. It still comes after the
 * receiver's signature check, Bolt's authorization and the global middleware registered before it, and a failure
 * reaches `app.error` as a listener's would.
 */
export function register(app: App, deps: SlackDeps): void {
  const handler = createInvoiceCommandHandler(deps);
  const answerCommand: Middleware<AnyMiddlewareArgs> = async (args) => {
    if ('command' in args && args.command?.command === COMMAND)
      return handler(args as unknown as Parameters<typeof handler>[0]);
    await args.next();
  };
  app.use(answerCommand);
}
