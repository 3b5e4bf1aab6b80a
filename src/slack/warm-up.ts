import type { Conversation } from '../flows/conversation.js';
import { buildReplyMessage } from './blocks/build-reply-message.js';

/**
 * Runs the reply path a few hundred times before Slack traffic arrives. Without this, the first requests after a
 * start wait for V8 to compile it: up to 1.7 s each when 50 arrive at once (bench/phase-query.ts). Side-effect-free
 * `help` replies take well under a second.
 */
export async function warmUp(conversation: Conversation): Promise<void> {
  const actor = { userId: 'UWARMUP', role: 'employee' as const };
  for (let i = 0; i < 200; i++)
    buildReplyMessage(await conversation.receive(actor, { kind: 'text', text: 'help' }, 'command'));
}
