import { type Actor, isFinance } from '../domain/actor.js';
import { MAX_RANGE_DAYS, parsePeriod } from '../domain/report-period.js';
import type { Catalog } from '../i18n/catalog.js';
import { localDay } from '../lib/time.js';
import type { AuditLog } from '../ports.js';
import { type StatsDeps, type StatsReport, statsReport } from '../services/bot-stats.js';
import type { Reply } from './reply.js';

/** What `/invoice stats` needs: the figures' sources, and the audit log for refusals. */
export type StatsFlowDeps = StatsDeps & { audit: AuditLog };

const TOP_CAUSES = 6;

/**
 * The replies for one report: title and headline with the change, the detail lines, then the charts (questions and
 * escalations per week, the top causes, solved by the bot vs escalated), each with its takeaway in words.
 */
export function reportReplies(report: StatsReport, t: Catalog, zone: string): Reply[] {
  const s = t.stats;
  const m = report.metrics;
  const last = new Date(report.period.to.getTime() - 1);
  const head: Reply = {
    kind: 'text',
    text: [
      `*${s.title(localDay(report.period.from, zone), localDay(last, zone))}*`,
      ...s.headline(m, report.headline, report.change),
    ].join('\n'),
  };
  if (m.questions === 0 && m.escalations.opened === 0 && m.escalations.resolved === 0)
    return [head, { kind: 'text', text: s.noQuestions }];
  const weeks = report.trend;
  const top = m.causes.diagnoses.slice(0, TOP_CAUSES);
  const topName = top[0] && (s.causes[top[0].name] ?? top[0].name);
  return [
    head,
    { kind: 'text', text: s.detail(m, t.escalations.cause).join('\n') },
    {
      kind: 'chart',
      chart: {
        type: 'line',
        title: s.trend.title,
        summary: s.trendSummary(
          weeks.length,
          weeks.reduce((n, w) => n + w.metrics.questions, 0),
          weeks.reduce((n, w) => n + w.metrics.escalations.opened, 0),
        ),
        categories: weeks.map((w) => localDay(w.week.from, zone).slice(5)),
        series: [
          { name: s.trend.questions, values: weeks.map((w) => w.metrics.questions) },
          { name: s.trend.escalations, values: weeks.map((w) => w.metrics.escalations.opened) },
        ],
        xLabel: s.trend.x,
        yLabel: s.trend.y,
      },
    },
    {
      kind: 'chart',
      chart: {
        type: 'bar',
        title: s.topCauses.title,
        summary: s.topCausesSummary(topName, top[0]?.count ?? 0),
        categories: top.map((c) => s.causes[c.name] ?? c.name),
        series: [{ name: s.topCauses.y, values: top.map((c) => c.count) }],
        xLabel: s.topCauses.x,
        yLabel: s.topCauses.y,
      },
    },
    {
      kind: 'chart',
      chart: {
        type: 'pie',
        title: s.split.title,
        summary: s.splitSummary(m.outcomes.solved, m.outcomes.escalated),
        categories: [s.split.bot, s.split.finance, s.split.notSolved, s.split.open],
        series: [
          {
            name: s.split.title,
            values: [m.outcomes.solved, m.outcomes.escalated, m.outcomes.not_solved, m.outcomes.no_answer],
          },
        ],
      },
    },
  ];
}

/**
 * `/invoice stats [this-week|last-week|this-month|last-month|<from>..<to>]` (统计): the bot's figures, for finance
 * leads and admins only — anyone else is refused in their language, and the refusal is audited.
 */
export async function statsReplies(deps: StatsFlowDeps, actor: Actor, args: string, t: Catalog): Promise<Reply[]> {
  const now = deps.clock.now();
  if (!isFinance(actor)) {
    await deps.audit.record({ at: now.toISOString(), user: actor.userId, action: 'refused', detail: 'stats' });
    return [{ kind: 'text', text: t.stats.refused }];
  }
  const read = parsePeriod(args, now, deps.zone);
  if (!read.ok)
    return [
      {
        kind: 'text',
        text:
          read.error.code === 'range_too_long'
            ? t.stats.rangeTooLong(read.error.days, MAX_RANGE_DAYS)
            : read.error.code === 'reversed_range'
              ? t.rangeReversed(read.error.first, read.error.last)
              : t.stats.badPeriod(read.error.text),
      },
    ];
  return reportReplies(await statsReport(deps, read.value), t, deps.zone);
}
