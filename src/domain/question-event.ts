import type { StepId } from './checklist.js';
import type { Cause } from './diagnose.js';

/**
 * Where a confirmed solution came from: the lookup answer itself, or the walk-through step it ended at.
 * `answer` sorts first in every distribution.
 */
export type SolvedAt = 'answer' | StepId;

/**
 * What the bot records about questions, for the figures finance leads read (`src/domain/bot-metrics.ts`). A question
 * is one person asking about one invoice; later events by the same person about the same invoice belong to their
 * latest question asked before them. Never amounts, tax ids or message text: `invoice` is the storage key.
 */
export type QuestionEvent =
  /** A lookup answered with a diagnosis. */
  | { type: 'asked'; at: string; user: string; invoice: string; cause: Cause }
  /** The person's answer to "Did this solve it?" (once per question). `step` is set at a walk-through's end. */
  | { type: 'feedback'; at: string; user: string; invoice: string; helpful: boolean; cause: Cause; step?: StepId }
  /** A walk-through ended: `solved` is *That solved it*; `findings` are the steps it found likely. */
  | {
      type: 'walkthrough';
      at: string;
      user: string;
      invoice: string;
      outcome: 'solved' | 'escalated' | 'abandoned';
      step?: StepId;
      findings: StepId[];
    }
  /** How many invoices were missing from the tax data beyond their window at `at` (taken by the daily jobs). */
  | { type: 'missing'; at: string; count: number };

/** The events of one type. */
export type QuestionEventOf<T extends QuestionEvent['type']> = Extract<QuestionEvent, { type: T }>;
