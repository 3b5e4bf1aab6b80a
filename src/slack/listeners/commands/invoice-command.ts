import type { AllMiddlewareArgs, Logger, RespondArguments, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isAdmin } from '../../../domain/actor.js';
import { parseCommand } from '../../../flows/parse-command.js';
import type { Reply } from '../../../flows/reply.js';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { apologyFor } from '../../apology-for.js';
import { buildNoticeModal } from '../../blocks/build-notice-modal.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import { replyMessageJson } from '../../blocks/reply-message-json.js';
import { ackJson, httpResponseOf } from '../../json-answers.js';
import type { SlackDeps } from '../../slack-deps.js';
import { detachFollowUp, type FollowUp } from '../actions/follow-up.js';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

// The last answer sent in an ack as blocks (not as ready JSON) and the replies it was rendered from, held only to
// keep their shapes alive across a full collection that finds no command in flight, so the rendering code V8
// optimised for them is not thrown away (see `lastLookups` in src/flows/conversation.ts). Never read: no answer
// reaches anyone through it.
const lastAnswer: { latest?: RespondArguments; replies?: readonly Reply[] } = {};

/**
 * How long a slash command may wait for its answer before acking empty and answering through `response_url`. Slack
 * drops an ack after 3 s; Bolt warns at 3.001 s; 2 s leaves room for the network and a slow event loop.
 */
export const ACK_BUDGET_MS = 2000;

/**
 * `/invoice …`, always answered privately (ephemeral), so invoice details never land in a channel. An answer ready
 * within `ackBudgetMs` (every lookup) rides in the ack's HTTP body: one response, no outbound `response_url` request.
 * Slower work (a sync over many files) acks empty at the budget and returns to Bolt at once, as a button does
 * (see `FollowUp`): the answer goes through `response_url` from a follow-up that holds only the answer's promise, the
 * user id and the reply channel, so Bolt's request is not kept alive for as long as the work takes.
 */
export function createInvoiceCommandHandler(
  deps: SlackDeps,
  ackBudgetMs = ACK_BUDGET_MS,
  followUp: FollowUp = detachFollowUp,
) {
  return async ({ ack, command, respond, client, logger, context }: Args): Promise<void> => {
    // Set just before each ack, so a failure after it is answered through response_url. (A flag rather than an
    // `ackOnce` helper: under tsx a named arrow costs a defineProperty each time it is made, i.e. per command.)
    let acked = false;
    try {
      const actor = { userId: command.user_id, role: deps.roleOf(command.user_id) };
      // `/invoice notice` alone (in any of its aliases) opens the form; with words after it, it is the text form the
      // console also uses.
      const parsed = parseCommand(command.text);
      if (parsed.name === 'notice' && parsed.text === '' && isAdmin(actor)) {
        acked = true;
        await ack();
        // Read here, off the lookup path: a lookup's language is the conversation's to resolve.
        const t = catalogFor(await deps.languageOf(actor.userId));
        const view = buildNoticeModal(t, deps.announceChannels, deps.clock.now());
        await client.views.open({ trigger_id: command.trigger_id, view });
        return;
      }
      const answer = deps.conversation.receive(actor, { kind: 'text', text: command.text }, 'command');
      const inTime = await withinBudget(answer, ackBudgetMs);
      if (inTime) {
        lastAnswer.replies = inTime;
        // Over HTTP the answer is written as JSON text straight from the replies (no blocks built, no stringify).
        const res = httpResponseOf(context);
        const json = res && replyMessageJson(inTime, 'ephemeral');
        if (res && json) {
          acked = true;
          await ackJson(res, ack, json);
          return;
        }
        lastAnswer.latest = messageOf(inTime);
        acked = true;
        await ack(lastAnswer.latest);
        return;
      }
      acked = true;
      // Not awaited: the follow-up awaits it first, and answers a failed ack as it answers a failed answer.
      const acking = ack();
      const userId = command.user_id;
      followUp(() => answerLate(deps, acking, answer, userId, respond, logger), logger);
    } catch (error) {
      logger.error('/invoice failed', { user: command.user_id, error: String(error) });
      const apology: RespondArguments = { response_type: 'ephemeral', text: await apologyFor(deps, command.user_id) };
      if (acked) await respond(apology);
      else await ack(apology);
    }
  };
}

// The late path's answer, after the empty ack: through response_url, or an apology there. It settles either way (a
// failed apology is logged here), so the follow-up never has a failure of its own to report.
async function answerLate(
  deps: SlackDeps,
  acked: Promise<void>,
  answer: Promise<readonly Reply[]>,
  userId: string,
  respond: RespondFn,
  logger: Logger,
): Promise<void> {
  try {
    await acked;
    await respond(messageOf(await answer));
  } catch (error) {
    logger.error('/invoice failed', { user: userId, error: String(error) });
    try {
      await respond({ response_type: 'ephemeral', text: await apologyFor(deps, userId) });
    } catch (apologyError) {
      logger.error('/invoice apology failed', { user: userId, error: String(apologyError) });
    }
  }
}

// Built field by field rather than spread: one object per command instead of two.
function messageOf(replies: readonly Reply[]): RespondArguments {
  const message = buildReplyMessage(replies);
  return { response_type: 'ephemeral', text: message.text, blocks: message.blocks };
}

/**
 * The promise's value if it settles within `ms`, else `undefined`; a rejection within `ms` is rethrown. One timer and
 * one promise per command: no `Promise.race`, no async frame (this runs for every slash command).
 */
function withinBudget<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    const timer = setTimeout(resolve, ms, undefined);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
