import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';
import type { BotMetrics, Ranked } from '../domain/bot-metrics.js';
import { STEP_IDS } from '../domain/checklist.js';
import { RESOLUTION_CAUSES } from '../domain/escalation.js';
import { businessHoursOf } from '../domain/escalation-settings.js';
import { formatId, keyToId } from '../domain/identifier.js';
import { headlineOf } from '../domain/metrics-headline.js';
import { startOfDay } from '../domain/report-period.js';
import { catalogFor } from '../i18n/catalog-for.js';
import { parseLocalTime, toLocalIso } from '../lib/time.js';
import type { EscalationStore, QuestionLog } from '../ports.js';
import { type WeekFigures, weeklyFigures } from '../services/bot-stats.js';
import { loadChinaCalendar } from '../store/china-calendar.js';
import { readQuestionLog } from '../store/jsonl-question-log.js';
import { createLowdbEscalationStore } from '../store/lowdb-escalation-store.js';
import { DatabaseUnavailableError, openPostgres } from '../store/postgres/open-postgres.js';
import { createPgEscalationStore } from '../store/postgres/pg-escalation-store.js';
import { createPostgresQuestionLog } from '../store/postgres/postgres-question-log.js';
import { createQuestionLogCore } from '../store/question-log-core.js';
import { loadSettings } from '../store/settings-file.js';
import { csvCell } from './audit.js';
import { flagsOf, loadCliConfig } from './cli-config.js';

/**
 * The per-week columns, in order; durations in business minutes, shares in percent. The causes end the row: how many
 * walk-throughs found each step likely (`found_<step>`) and how many escalations finance resolved with each cause
 * (`resolved_as_<cause>`), one fixed column per name so a BI tool can chart them without parsing.
 */
export const WEEK_COLUMNS = [
  'week_start',
  'week_end',
  'lookups',
  'users',
  'invoices',
  'questions',
  'solved',
  'not_solved',
  'escalated',
  'no_answer',
  'solved_percent',
  'escalations_opened',
  'escalations_resolved',
  'first_response_median_min',
  'first_response_p90_min',
  'resolution_median_min',
  'resolution_p90_min',
  'first_response_sla_percent',
  'resolution_sla_percent',
  'missing_at_end',
  ...STEP_IDS.map((step) => `found_${step}` as const),
  ...RESOLUTION_CAUSES.map((cause) => `resolved_as_${cause}` as const),
] as const;

/** The per-question columns: who asked about which invoice and what became of it — no amounts, no tax ids. */
export const QUESTION_COLUMNS = [
  'week_start',
  'first_asked_at',
  'user',
  'invoice',
  'lookups',
  'cause',
  'outcome',
  'solved_at',
] as const;

type Row = Record<string, string | number | null>;

type StatsSources = { questions: QuestionLog; escalations: EscalationStore; close(): Promise<void> };

// Where the figures come from: the database every replica writes to (`DATABASE_URL`), else DATA_DIR's files, read
// without the lock (the bot may be running).
async function openStatsSources(config: Config): Promise<StatsSources> {
  if (config.databaseUrl) {
    const pool = await openPostgres({ url: config.databaseUrl, schema: config.databaseSchema });
    return {
      questions: createPostgresQuestionLog(pool),
      escalations: createPgEscalationStore(pool),
      close: () => pool.end(),
    };
  }
  return {
    questions: createQuestionLogCore(await readQuestionLog(join(config.dataDir, 'state', 'questions.jsonl'))),
    escalations: await createLowdbEscalationStore(config.dataDir),
    close: async () => {},
  };
}

// One column per name, zero when it did not occur.
function countColumns<T extends string>(prefix: string, names: readonly T[], ranked: ReadonlyArray<Ranked<T>>): Row {
  return Object.fromEntries(names.map((name) => [`${prefix}${name}`, ranked.find((r) => r.name === name)?.count ?? 0]));
}

function weekRow(w: WeekFigures, zone: string): Row {
  const m: BotMetrics = w.metrics;
  const h = headlineOf(m);
  return {
    week_start: toLocalIso(w.week.from, zone),
    week_end: toLocalIso(w.week.to, zone),
    lookups: m.lookups,
    users: m.users,
    invoices: m.invoices,
    questions: m.questions,
    solved: m.outcomes.solved,
    not_solved: m.outcomes.not_solved,
    escalated: m.outcomes.escalated,
    no_answer: m.outcomes.no_answer,
    solved_percent: h.solvedPercent ?? null,
    escalations_opened: m.escalations.opened,
    escalations_resolved: m.escalations.resolved,
    first_response_median_min: m.escalations.firstResponse.median ?? null,
    first_response_p90_min: m.escalations.firstResponse.p90 ?? null,
    resolution_median_min: m.escalations.resolution.median ?? null,
    resolution_p90_min: m.escalations.resolution.p90 ?? null,
    first_response_sla_percent: h.firstResponseSla ?? null,
    resolution_sla_percent: h.resolutionSla ?? null,
    missing_at_end: m.missingAtEnd ?? null,
    ...countColumns('found_', STEP_IDS, m.causes.findings),
    ...countColumns('resolved_as_', RESOLUTION_CAUSES, m.causes.resolutions),
  };
}

function questionRows(w: WeekFigures, zone: string): Row[] {
  return w.metrics.rows.map((r) => ({
    week_start: toLocalIso(w.week.from, zone),
    first_asked_at: toLocalIso(new Date(r.firstAskedAt), zone),
    user: r.user,
    invoice: formatId(keyToId(r.invoice)),
    lookups: r.lookups,
    cause: r.cause,
    outcome: r.outcome,
    solved_at: r.solvedAt ?? null,
  }));
}

/**
 * `npm run stats -- --since D [--until D] --format csv|json [--table weeks|questions]`: the bot's figures per week
 * (Monday to Monday in `BOT_TIMEZONE`, the first and last clipped to the range) and the questions behind them, for
 * BI tools. JSON holds both tables; CSV one, the weeks unless `--table questions`. Reads the data folder (or, with
 * `DATABASE_URL`, the database) only, so it may run beside the bot. Returns the exit code.
 */
export async function runStats(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  print: (line: string) => void,
): Promise<number> {
  const config = loadCliConfig(env, print);
  if (!config) return 2;
  const flag = flagsOf(argv);
  const zone = config.timezone;
  const sinceText = flag('--since') ?? '';
  const untilText = flag('--until');
  const format = flag('--format');
  const table = flag('--table') ?? 'weeks';
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const since = day.test(sinceText) ? startOfDay(sinceText, zone) : parseLocalTime(sinceText, zone);
  // --until names a day: include all of it. Without it the export runs to now.
  const until = !untilText
    ? new Date()
    : day.test(untilText)
      ? new Date(startOfDay(untilText, zone).getTime() + 86_400_000)
      : parseLocalTime(untilText, zone);
  if (since && until && untilText && until <= since) {
    print(catalogFor(config.language).import.exportRangeReversed(sinceText, untilText));
    return 2;
  }
  if (
    !since ||
    !until ||
    until <= since ||
    (format !== 'csv' && format !== 'json') ||
    !/^(weeks|questions)$/.test(table)
  ) {
    print(catalogFor(config.language).reports.statsUsage);
    return 2;
  }
  const settings = await loadSettings(config.dataDir);
  let sources: StatsSources;
  try {
    sources = await openStatsSources(config);
  } catch (error) {
    if (!(error instanceof DatabaseUnavailableError)) throw error;
    print(error.message);
    return 2;
  }
  const weeks = await weeklyFigures(
    {
      questions: sources.questions,
      escalations: () => sources.escalations.all(),
      calendar: await loadChinaCalendar(config.dataDir),
      hours: businessHoursOf(settings.escalations),
      zone,
      clock: { now: () => new Date() },
    },
    { from: since, to: until },
  ).finally(sources.close);
  const weekRows = weeks.map((w) => weekRow(w, zone));
  const rows = weeks.flatMap((w) => questionRows(w, zone));
  if (format === 'json') {
    print(JSON.stringify({ weeks: weekRows, questions: rows }, null, 2));
    return 0;
  }
  const columns: readonly string[] = table === 'weeks' ? WEEK_COLUMNS : QUESTION_COLUMNS;
  print(columns.join(','));
  for (const row of table === 'weeks' ? weekRows : rows)
    print(columns.map((c) => csvCell(row[c] === null || row[c] === undefined ? '' : String(row[c]))).join(','));
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await runStats(process.argv.slice(2), process.env, (line) => console.log(line));
}
