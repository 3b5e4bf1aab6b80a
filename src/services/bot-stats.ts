import { type BotMetrics, computeMetrics, type Period } from '../domain/bot-metrics.js';
import type { BusinessHours, WorkingCalendar } from '../domain/business-time.js';
import type { Escalation } from '../domain/escalation.js';
import { type Headline, headlineChange, headlineOf } from '../domain/metrics-headline.js';
import type { QuestionEvent } from '../domain/question-event.js';
import { type ReportPeriod, weeksOf } from '../domain/report-period.js';
import type { Clock, QuestionLog } from '../ports.js';

/** Where the figures come from. */
export type StatsDeps = {
  questions: QuestionLog;
  /** Every escalation (their own timestamps place them in periods). */
  escalations: () => readonly Escalation[] | Promise<readonly Escalation[]>;
  calendar: WorkingCalendar;
  hours: BusinessHours;
  zone: string;
  clock: Clock;
  /**
   * How many invoices are missing beyond their window right now, for a period still running (a full scan of the
   * ledger); past periods use the counts the daily jobs recorded.
   */
  missingNow?: () => number | Promise<number>;
};

/** One week's figures. */
export type WeekFigures = { week: Period; metrics: BotMetrics };

/** A period's figures, the previous period's headline and the change, and the weeks for the trend chart. */
export type StatsReport = {
  period: ReportPeriod;
  metrics: BotMetrics;
  headline: Headline;
  previous: Headline;
  change: Partial<Record<keyof Headline, number>>;
  /** The last `trendWeeks` weeks up to the period's end, oldest first. */
  trend: WeekFigures[];
};

const WEEK_MS = 7 * 86_400_000;

async function sources(deps: StatsDeps, from: Date, to: Date, now: Date): Promise<QuestionEvent[]> {
  const events = await deps.questions.between(from, to);
  if (!deps.missingNow || now < from || now >= to) return events;
  // A running period ends "now": its missing count is the current one.
  return [...events, { type: 'missing', at: now.toISOString(), count: await deps.missingNow() }];
}

/**
 * The figures of a period and its change against the previous one, plus a weekly trend.
 * @example (await statsReport(deps, parsePeriod('this-week', now, zone).value)).headline.questions
 */
export async function statsReport(deps: StatsDeps, period: ReportPeriod, trendWeeks = 8): Promise<StatsReport> {
  const now = deps.clock.now();
  const trendFrom = new Date(Math.min(period.previous.from.getTime(), period.to.getTime() - trendWeeks * WEEK_MS));
  const input = {
    events: await sources(deps, trendFrom, period.to, now),
    escalations: await deps.escalations(),
    calendar: deps.calendar,
    hours: deps.hours,
    zone: deps.zone,
    now,
  };
  const metrics = computeMetrics(input, period);
  const headline = headlineOf(metrics);
  const previous = headlineOf(computeMetrics(input, period.previous));
  const weeks = weeksOf({ from: trendFrom, to: period.to }, deps.zone).slice(-trendWeeks);
  return {
    period,
    metrics,
    headline,
    previous,
    change: headlineChange(headline, previous),
    trend: weeks.map((week) => ({ week, metrics: computeMetrics(input, week) })),
  };
}

/** Each week's figures (Monday to Monday, clipped to the span), oldest first: the BI export. */
export async function weeklyFigures(deps: StatsDeps, span: Period): Promise<WeekFigures[]> {
  const input = {
    events: await sources(deps, span.from, span.to, deps.clock.now()),
    escalations: await deps.escalations(),
    calendar: deps.calendar,
    hours: deps.hours,
    zone: deps.zone,
    now: deps.clock.now(),
  };
  return weeksOf(span, deps.zone).map((week) => ({ week, metrics: computeMetrics(input, week) }));
}
