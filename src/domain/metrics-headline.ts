import type { BotMetrics } from './bot-metrics.js';

/** The figures a lead reads first; undefined where there was nothing to measure. */
export type Headline = {
  questions: number;
  solved: number;
  /** Share of questions confirmed solved, in percent (one decimal). */
  solvedPercent?: number;
  escalated: number;
  noAnswer: number;
  escalationsOpened: number;
  escalationsResolved: number;
  /** Median business minutes to first response and to resolution. */
  firstResponseMedian?: number;
  resolutionMedian?: number;
  firstResponseSla?: number;
  resolutionSla?: number;
  missingAtEnd?: number;
};

const percent = (part: number, whole: number) => (whole === 0 ? undefined : Math.round((part / whole) * 1000) / 10);

/**
 * The headline figures of a period.
 * @example headlineOf(metrics).solvedPercent // 50 when 2 of 4 questions were confirmed solved
 */
export function headlineOf(m: BotMetrics): Headline {
  const optional = {
    solvedPercent: percent(m.outcomes.solved, m.questions),
    firstResponseMedian: m.escalations.firstResponse.median,
    resolutionMedian: m.escalations.resolution.median,
    firstResponseSla: m.escalations.sla.firstResponse.percent,
    resolutionSla: m.escalations.sla.resolution.percent,
    missingAtEnd: m.missingAtEnd,
  };
  return {
    questions: m.questions,
    solved: m.outcomes.solved,
    escalated: m.outcomes.escalated,
    noAnswer: m.outcomes.no_answer,
    escalationsOpened: m.escalations.opened,
    escalationsResolved: m.escalations.resolved,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

/**
 * The change of each headline figure against the previous period (current minus previous; percentages in points);
 * figures missing in either period have no change.
 * @example headlineChange({ questions: 12, … }, { questions: 9, … }).questions // 3
 */
export function headlineChange(current: Headline, previous: Headline): Partial<Record<keyof Headline, number>> {
  const out: Partial<Record<keyof Headline, number>> = {};
  for (const key of Object.keys(current) as Array<keyof Headline>) {
    const a = current[key];
    const b = previous[key];
    if (a !== undefined && b !== undefined) out[key] = Math.round((a - b) * 10) / 10;
  }
  return out;
}
