import type { Role } from '../domain/actor.js';
import type { BotMetrics } from '../domain/bot-metrics.js';
import type { Cause } from '../domain/diagnose.js';
import type { ResolutionCause } from '../domain/escalation.js';
import type { Headline } from '../domain/metrics-headline.js';
import type { SolvedAt } from '../domain/question-event.js';

/** A headline figure's change against the previous period (absent when either period had none). */
export type HeadlineChange = Partial<Record<keyof Headline, number>>;

/** The words of "Did this solve it?", the first greeting, `/invoice stats`, the dashboard and the weekly figures. */
export type StatsCatalog = {
  feedback: {
    question: string;
    helpful: string;
    unhelpful: string;
    thanks: string;
    sorry: string;
    alreadyAnswered: string;
    troubleshoot: string;
    escalate: string;
  };
  /** The one-time greeting in the Messages tab, by what the reader may do. */
  greeting(role: Role): string;
  refused: string;
  badPeriod(text: string): string;
  rangeTooLong(days: number, max: number): string;
  /** `from` and `to` are local days, both included. */
  title(from: string, to: string): string;
  /** The headline figures with their change, one line each. */
  headline(m: BotMetrics, h: Headline, change: HeadlineChange): string[];
  /**
   * Solved questions by where they were solved, and the most frequent causes: diagnoses, walk-through findings and
   * the causes finance resolved escalations with (`resolutionCause` names them, as the escalation cards do).
   */
  detail(m: BotMetrics, resolutionCause: (cause: ResolutionCause) => string): string[];
  /** One line for the weekly status check. */
  weekly(h: Headline, change: HeadlineChange): string;
  causes: Record<Cause, string>;
  solvedAt: Record<SolvedAt, string>;
  trend: { title: string; questions: string; escalations: string; x: string; y: string };
  trendSummary(weeks: number, questions: number, escalations: number): string;
  topCauses: { title: string; x: string; y: string };
  topCausesSummary(top: string | undefined, count: number): string;
  split: { title: string; bot: string; finance: string; notSolved: string; open: string };
  splitSummary(solved: number, escalated: number): string;
  noQuestions: string;
  home: { title: string; period: string; more: string };
};

/**
 * A change with its sign: `+3`, `−2`, `±0`.
 * @example signed(-2) // '−2'
 */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '±0';
}

/** ` (+3)` after a figure, or nothing when there is no change to show. */
export function changeNote(n: number | undefined, unit = ''): string {
  return n === undefined ? '' : ` (${signed(n)}${unit})`;
}
