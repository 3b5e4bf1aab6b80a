import type { App } from '@slack/bolt';
import { COMMAND } from '../../ids.js';
import type { SlackDeps } from '../../slack-deps.js';
import { createInvoiceCommandHandler } from './invoice-command.js';

/** Registers the slash command. */
export function register(app: App, deps: SlackDeps): void {
  app.command(COMMAND, createInvoiceCommandHandler(deps));
}
