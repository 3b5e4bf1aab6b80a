import type { EntryAnswers, StepId, StepOutcome } from './checklist.js';

/** How a walk-through ended, for the outcome reports. */
export type ChecklistStatus = 'active' | 'solved' | 'escalated' | 'abandoned';

/** One user's walk-through of the checklist for one invoice; persisted so it survives restarts. */
export type ChecklistSession = {
  id: string;
  userId: string;
  invoiceKey: string;
  language: string;
  order: StepId[];
  position: number;
  awaiting?: 'day' | 'total';
  answers: EntryAnswers;
  outcomes: StepOutcome[];
  transcript: string[];
  status: ChecklistStatus;
  startedAt: string;
  updatedAt: string;
  endedAt?: string;
  endedAtStep?: StepId;
  /** Why it ended other than by a choice: idle too long, or the user said the invoice is lost. */
  endReason?: 'expired' | 'lost';
};

/**
 * True when a walk-through has been idle longer than `hours`.
 * @example isIdle({ updatedAt: '2026-11-26T00:00:00Z' } as ChecklistSession, new Date('2026-11-27T01:00:00Z'), 24) // true
 */
export function isIdle(session: Pick<ChecklistSession, 'updatedAt'>, now: Date, hours: number): boolean {
  return now.getTime() - Date.parse(session.updatedAt) > hours * 3_600_000;
}

/**
 * Ends a walk-through, returning a new session (the input is not changed).
 * @example endSession(s, 'solved', now).status // 'solved'
 */
export function endSession(
  session: ChecklistSession,
  status: Exclude<ChecklistStatus, 'active'>,
  now: Date,
  reason?: 'expired' | 'lost',
): ChecklistSession {
  const { awaiting: _awaiting, ...rest } = session;
  return {
    ...rest,
    status,
    endedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...(session.order[session.position] ? { endedAtStep: session.order[session.position] } : {}),
    ...(reason ? { endReason: reason } : {}),
  };
}
