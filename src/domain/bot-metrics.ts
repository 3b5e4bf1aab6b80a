import { type BusinessHours, businessMinutesBetween, type WorkingCalendar } from './business-time.js';
import type { StepId } from './checklist.js';
import type { Cause } from './diagnose.js';
import type { Escalation, ResolutionCause } from './escalation.js';
import type { QuestionEvent, QuestionEventOf, SolvedAt } from './question-event.js';

/** A half-open span of time, `[from, to)`. */
export type Period = { from: Date; to: Date };

/** How a question ended, as far as the period's end: see {@link computeMetrics} for the order they are decided in. */
export type QuestionOutcome = 'escalated' | 'solved' | 'not_solved' | 'no_answer';

/** One question (one person, one invoice, within the period) and what became of it: the per-question export row. */
export type QuestionRow = {
  firstAskedAt: string;
  user: string;
  invoice: string;
  lookups: number;
  cause: Cause;
  outcome: QuestionOutcome;
  /** Where it was confirmed solved, for solved questions. */
  solvedAt?: SolvedAt;
};

/** A name and how often it occurred, most frequent first. */
export type Ranked<T extends string> = { name: T; count: number };

/** Durations in business minutes: how many, the median and the 90th percentile (nearest rank). */
export type Durations = { count: number; median?: number; p90?: number };

/** SLA targets decided within the period: met, missed, and the share met (undefined when none was decided). */
export type Attainment = { met: number; missed: number; percent?: number };

/** Every figure for one period. Definitions in the README ("Measuring the bot"). */
export type BotMetrics = {
  period: { from: string; to: string };
  lookups: number;
  users: number;
  invoices: number;
  questions: number;
  outcomes: Record<QuestionOutcome, number>;
  /** Solved questions by where they were solved. */
  solvedAt: Array<Ranked<SolvedAt>>;
  causes: {
    diagnoses: Array<Ranked<Cause>>;
    findings: Array<Ranked<StepId>>;
    resolutions: Array<Ranked<ResolutionCause>>;
  };
  escalations: {
    opened: number;
    resolved: number;
    firstResponse: Durations;
    resolution: Durations;
    sla: { firstResponse: Attainment; resolution: Attainment };
  };
  /** Invoices missing from the tax data beyond their window, at the last count before the period's end. */
  missingAtEnd?: number;
  rows: QuestionRow[];
};

/** Everything the figures are computed from; `now` stops SLA targets still in the future from counting as missed. */
export type MetricsInput = {
  events: readonly QuestionEvent[];
  escalations: readonly Escalation[];
  calendar: WorkingCalendar;
  hours: BusinessHours;
  zone: string;
  now: Date;
};

const SOLVED_AT_ORDER: readonly SolvedAt[] = ['answer', 'maintenance', 'sync', 'entry', 'issue', 'status', 'buyer'];

const within = (at: string | undefined, period: Period): boolean => {
  if (at === undefined) return false;
  const t = Date.parse(at);
  return t >= period.from.getTime() && t < period.to.getTime();
};

/**
 * The percentile of sorted values by the nearest-rank method: the smallest value with at least `p`% of values at or
 * below it. Undefined for no values.
 * @example nearestRank([1, 2, 3, 4], 50) // 2
 */
export function nearestRank(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * The median: the middle value, or the mean of the two middle values.
 * @example median([1, 2, 3, 10]) // 2.5
 */
export function median(sorted: readonly number[]): number | undefined {
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function durations(values: number[]): Durations {
  const sorted = [...values].sort((a, b) => a - b);
  const m = median(sorted);
  const p = nearestRank(sorted, 90);
  return { count: sorted.length, ...(m === undefined ? {} : { median: m }), ...(p === undefined ? {} : { p90: p }) };
}

function attainment(met: number, missed: number): Attainment {
  const decided = met + missed;
  return decided === 0 ? { met, missed } : { met, missed, percent: Math.round((met / decided) * 1000) / 10 };
}

function rank<T extends string>(names: readonly T[], order?: readonly T[]): Array<Ranked<T>> {
  const counts = new Map<T, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  const position = (name: T) => (order ? order.indexOf(name) : 0);
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || position(a.name) - position(b.name) || a.name.localeCompare(b.name));
}

/** When an escalation was first resolved (a later reopen does not undo that it was resolved then). */
export function resolvedAt(esc: Pick<Escalation, 'events'>): string | undefined {
  return esc.events.find((e) => e.action === 'resolve')?.at;
}

// Whether a target was met, and when that was decided: at the response if it came in time, else at the due moment.
function decide(doneAt: string | undefined, due: string, asOf: number): { at: number; met: boolean } | undefined {
  const done = doneAt === undefined ? undefined : Date.parse(doneAt);
  const dueAt = Date.parse(due);
  if (done !== undefined && done <= dueAt) return { at: done, met: true };
  return dueAt < asOf ? { at: dueAt, met: false } : undefined;
}

type Question = { row: QuestionRow; start: number; events: QuestionEvent[]; escalated: boolean };

function questionsOf(input: MetricsInput, period: Period): Question[] {
  const byPair = new Map<string, Question>();
  const pair = (user: string, invoice: string) => `${user}\u0000${invoice}`;
  const sorted = input.events.filter((e) => within(e.at, period)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const event of sorted) {
    if (event.type === 'missing') continue;
    const key = pair(event.user, event.invoice);
    const question = byPair.get(key);
    if (event.type === 'asked') {
      if (question) {
        question.row.lookups += 1;
        question.row.cause = event.cause;
      } else
        byPair.set(key, {
          row: {
            firstAskedAt: event.at,
            user: event.user,
            invoice: event.invoice,
            lookups: 1,
            cause: event.cause,
            outcome: 'no_answer',
          },
          start: Date.parse(event.at),
          events: [],
          escalated: false,
        });
    } else question?.events.push(event);
  }
  // Filing or following an escalation about the invoice is the person's own "it was not solved".
  for (const esc of input.escalations)
    for (const e of esc.events) {
      if ((e.action !== 'filed' && e.action !== 'followed') || !within(e.at, period)) continue;
      const question = byPair.get(pair(e.by, esc.invoiceKey));
      if (question && Date.parse(e.at) >= question.start) question.escalated = true;
    }
  return [...byPair.values()];
}

function settle(question: Question): QuestionRow {
  const walkSolved = question.events.find(
    (e): e is QuestionEventOf<'walkthrough'> => e.type === 'walkthrough' && e.outcome === 'solved',
  );
  const feedback = question.events.find((e): e is QuestionEventOf<'feedback'> => e.type === 'feedback');
  const row = { ...question.row };
  if (question.escalated) return { ...row, outcome: 'escalated' };
  if (walkSolved) return { ...row, outcome: 'solved', solvedAt: walkSolved.step ?? 'answer' };
  if (feedback?.helpful) return { ...row, outcome: 'solved', solvedAt: feedback.step ?? 'answer' };
  if (feedback) return { ...row, outcome: 'not_solved' };
  return row;
}

/**
 * Every figure for one period, from the recorded question events and the escalations — a pure function, so the
 * same events always give the same figures.
 *
 * A question is one person asking about one invoice in the period; all their lookups of it count as one question.
 * Its outcome, from what happened before the period's end: **escalated** if they filed or followed an escalation
 * about it after asking; else **solved** if a walk-through ended with *That solved it* or they answered 👍; else
 * **not solved** if they answered 👎; else **no answer**.
 *
 * Escalation times are business minutes on the working calendar: first response for the first responses given in the
 * period, resolution for escalations first resolved in it (merged duplicates are not resolutions). An SLA target
 * counts in the period it is decided in: at the response when it came in time, else at its due moment.
 * @example computeMetrics({ events: [], escalations: [], calendar, hours, zone, now }, period).questions // 0
 */
export function computeMetrics(input: MetricsInput, period: Period): BotMetrics {
  const asOf = Math.min(period.to.getTime(), input.now.getTime());
  const asked = input.events.filter((e): e is QuestionEventOf<'asked'> => e.type === 'asked' && within(e.at, period));
  const rows = questionsOf(input, period)
    .map(settle)
    .sort((a, b) => a.firstAskedAt.localeCompare(b.firstAskedAt) || a.user.localeCompare(b.user));
  const outcomes: Record<QuestionOutcome, number> = { escalated: 0, solved: 0, not_solved: 0, no_answer: 0 };
  for (const row of rows) outcomes[row.outcome] += 1;

  const findings = input.events.flatMap((e) => (e.type === 'walkthrough' && within(e.at, period) ? e.findings : []));
  const minutes = (from: string, to: string) =>
    businessMinutesBetween(new Date(from), new Date(to), input.calendar, input.hours, input.zone);

  const opened = input.escalations.filter((e) => within(e.createdAt, period));
  const resolved = input.escalations.filter((e) => within(resolvedAt(e), period));
  const firstResponses = input.escalations.filter((e) => within(e.firstResponseAt, period));
  const sla = { first: [0, 0], resolution: [0, 0] } as Record<'first' | 'resolution', [number, number]>;
  for (const esc of input.escalations) {
    const first = decide(esc.firstResponseAt, esc.firstResponseDue, asOf);
    if (first && first.at >= period.from.getTime() && first.at < asOf) sla.first[first.met ? 0 : 1] += 1;
    // A merged duplicate was never resolved on its own; its original carries the question.
    if (esc.events.some((e) => e.action === 'duplicate') && !resolvedAt(esc)) continue;
    const done = decide(resolvedAt(esc), esc.resolutionDue, asOf);
    if (done && done.at >= period.from.getTime() && done.at < asOf) sla.resolution[done.met ? 0 : 1] += 1;
  }

  const missing = input.events
    .filter((e): e is QuestionEventOf<'missing'> => e.type === 'missing' && within(e.at, period))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .at(-1);

  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    lookups: asked.length,
    users: new Set(asked.map((e) => e.user)).size,
    invoices: new Set(asked.map((e) => e.invoice)).size,
    questions: rows.length,
    outcomes,
    solvedAt: rank(
      rows.flatMap((r) => (r.solvedAt ? [r.solvedAt] : [])),
      SOLVED_AT_ORDER,
    ),
    causes: {
      diagnoses: rank(rows.map((r) => r.cause)),
      findings: rank(findings),
      resolutions: rank(resolved.flatMap((e) => (e.resolution ? [e.resolution.cause] : []))),
    },
    escalations: {
      opened: opened.length,
      resolved: resolved.length,
      firstResponse: durations(firstResponses.map((e) => minutes(e.createdAt, e.firstResponseAt ?? e.createdAt))),
      resolution: durations(resolved.map((e) => minutes(e.createdAt, resolvedAt(e) ?? e.createdAt))),
      sla: { firstResponse: attainment(...sla.first), resolution: attainment(...sla.resolution) },
    },
    ...(missing ? { missingAtEnd: missing.count } : {}),
    rows,
  };
}
