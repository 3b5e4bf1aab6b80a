import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Actor } from '../../../domain/actor.js';
import type { Reply } from '../../../flows/reply.js';
import type { Language } from '../../../i18n/language.js';
import { apologyFor } from '../../apology-for.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/**
 * After a modal's submission has been acked: run `act` once per submission (Slack may deliver one twice) for the
 * verified user, and DM them the outcome — or a short apology in `language` (theirs, which the listener has already
 * read for the form) if something broke, which is logged with `what`.
 */
export async function actOnceAndReport(
  deps: SlackDeps,
  args: Args,
  what: string,
  language: Language,
  act: (actor: Actor) => Promise<Reply[]>,
): Promise<void> {
  const { body, view, client, logger } = args;
  try {
    if (!(await deps.dedupe.firstSeen(`view:${view.id}:${view.hash}`, deps.clock.now()))) return;
    const replies = await act({ userId: body.user.id, role: deps.roleOf(body.user.id) });
    await client.chat.postMessage({ channel: body.user.id, ...buildReplyMessage(replies) });
  } catch (error) {
    logger.error(`${what} failed`, { user: body.user.id, error: String(error) });
    await client.chat.postMessage({ channel: body.user.id, text: await apologyFor(deps, body.user.id, language) });
  }
}
