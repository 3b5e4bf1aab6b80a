import type { Actor } from '../domain/actor.js';
import type { StepId } from '../domain/checklist.js';
import type { Cause } from '../domain/diagnose.js';
import { formatId, keyToId } from '../domain/identifier.js';
import type { Catalog } from '../i18n/catalog.js';
import type { QuestionLog } from '../ports.js';
import { type LookupDeps, lookUpInvoice } from '../services/look-up-invoice.js';
import { makeChoice } from './choices.js';
import type { Reply } from './reply.js';

/** What "Did this solve it?" needs: the question log, and the lookup (for the cause at the moment of the answer). */
export type FeedbackDeps = { questions: QuestionLog; lookup: LookupDeps };

/**
 * The "Did this solve it?" choice after an answer about `key` — or nothing once the person has answered about that
 * invoice (they are never asked again). `step` is the walk-through step an answer at its end is about.
 */
export async function feedbackPrompt(
  deps: FeedbackDeps,
  actor: Actor,
  key: string,
  t: Catalog,
  step?: StepId,
): Promise<Reply[]> {
  if (await deps.questions.answered(actor.userId, key)) return [];
  const f = t.stats.feedback;
  return [
    {
      kind: 'feedback',
      text: f.question,
      helpful: makeChoice({ kind: 'feedback', key, helpful: true, ...(step ? { step } : {}) }, f.helpful),
      unhelpful: makeChoice({ kind: 'feedback', key, helpful: false, ...(step ? { step } : {}) }, f.unhelpful),
    },
  ];
}

/** Records that a person asked about an invoice and what the bot diagnosed. */
export async function recordAsked(deps: FeedbackDeps, actor: Actor, key: string, cause: Cause): Promise<void> {
  const at = deps.lookup.clock.now().toISOString();
  await deps.questions.record({ type: 'asked', at, user: actor.userId, invoice: key, cause });
}

/**
 * A 👍 or 👎: recorded once per person and invoice with the diagnosis's cause now and the step; a second answer
 * changes nothing and says so. 👎 offers the walk-through and the escalation form.
 */
export async function answerFeedback(
  deps: FeedbackDeps,
  actor: Actor,
  answer: { key: string; helpful: boolean; step?: StepId },
  t: Catalog,
): Promise<Reply[]> {
  const f = t.stats.feedback;
  const id = keyToId(answer.key);
  const { diagnosis } = await lookUpInvoice(deps.lookup, { raw: formatId(id), id, problems: [] });
  const recorded = await deps.questions.answer({
    type: 'feedback',
    at: deps.lookup.clock.now().toISOString(),
    user: actor.userId,
    invoice: answer.key,
    helpful: answer.helpful,
    cause: diagnosis.cause,
    ...(answer.step ? { step: answer.step } : {}),
  });
  if (!recorded) return [{ kind: 'text', text: f.alreadyAnswered }];
  if (answer.helpful) return [{ kind: 'text', text: f.thanks }];
  return [
    {
      kind: 'choices',
      text: f.sorry,
      choices: [
        makeChoice({ kind: 'troubleshoot', key: answer.key }, f.troubleshoot, 'primary'),
        makeChoice({ kind: 'escalate', key: answer.key }, f.escalate),
      ],
    },
  ];
}
