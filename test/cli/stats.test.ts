import { describe, expect, it } from 'vitest';
import { QUESTION_COLUMNS, runStats, WEEK_COLUMNS } from '../../src/cli/stats.js';
import type { Escalation } from '../../src/domain/escalation.js';
import type { EscalationStore, QuestionLog } from '../../src/ports.js';
import { createJsonlQuestionLog } from '../../src/store/jsonl-question-log.js';
import { createLowdbEscalationStore } from '../../src/store/lowdb-escalation-store.js';
import { createPgEscalationStore } from '../../src/store/postgres/pg-escalation-store.js';
import { createPostgresQuestionLog } from '../../src/store/postgres/postgres-question-log.js';
import { describePostgres, postgresUrl, useMigratedSchema } from '../helpers/postgres.js';
import { useTempDirs } from '../helpers/temp-dir.js';

async function run(argv: string[], dataDir: string, env: Record<string, string> = {}) {
  const lines: string[] = [];
  const code = await runStats(argv, { DATA_DIR: dataDir, ...env }, (l) => lines.push(l));
  return { code, lines };
}

const key = 'D26112000000000100008';

async function fixture(dir: string): Promise<void> {
  await fill(await createJsonlQuestionLog(dir), await createLowdbEscalationStore(dir));
}

// Two weeks of questions and one escalation, written through the ports, whichever adapter holds them.
async function fill(log: QuestionLog, escalations: EscalationStore): Promise<void> {
  // Week of 2026-11-16: one question, solved by the answer.
  await log.record({ type: 'asked', at: '2026-11-17T02:00:00.000Z', user: 'U1', invoice: key, cause: 'sync_window' });
  await log.answer({
    type: 'feedback',
    at: '2026-11-17T02:01:00.000Z',
    user: 'U1',
    invoice: key,
    helpful: true,
    cause: 'sync_window',
  });
  // Week of 2026-11-23: one question, escalated; 3 invoices missing at its end.
  await log.record({ type: 'asked', at: '2026-11-24T02:00:00.000Z', user: 'U2', invoice: key, cause: 'overdue' });
  await log.record({ type: 'missing', at: '2026-11-28T01:00:00.000Z', count: 3 });
  const esc = {
    id: 'ESC-20261124-001',
    invoiceKey: key,
    requester: 'U2',
    followers: [],
    urgency: 'normal',
    note: '',
    diagnosis: { cause: 'overdue', expectedBy: '2026-11-20T02:00:00.000Z' },
    checks: [],
    status: 'claimed',
    assignee: 'UFIN',
    createdAt: '2026-11-24T02:10:00.000Z',
    firstResponseDue: '2026-11-24T06:10:00.000Z',
    resolutionDue: '2026-11-26T02:10:00.000Z',
    // Claimed an hour later: 60 business minutes (10:10 → 11:10 Beijing, a Tuesday).
    firstResponseAt: '2026-11-24T03:10:00.000Z',
    posts: [],
    events: [
      { at: '2026-11-24T02:10:00.000Z', by: 'U2', action: 'filed' },
      { at: '2026-11-24T03:10:00.000Z', by: 'UFIN', action: 'claim' },
    ],
    reminded: [],
  } satisfies Escalation;
  await escalations.put(esc);
  // U2's walk-through found the sync delay and entry steps likely before they escalated.
  await log.record({
    type: 'walkthrough',
    at: '2026-11-24T02:05:00.000Z',
    user: 'U2',
    invoice: key,
    outcome: 'escalated',
    step: 'entry',
    findings: ['sync', 'entry'],
  });
  // Filed in the first week and resolved in the second, as an entry error: its resolution target (Thu 19 10:00) was
  // missed in the first week, so the second week's resolution SLA is still only the claimed one's.
  await escalations.put({
    ...esc,
    id: 'ESC-20261117-001',
    invoiceKey: 'D26112000000000100009',
    requester: 'U3',
    status: 'resolved',
    createdAt: '2026-11-17T02:00:00.000Z',
    firstResponseDue: '2026-11-17T06:00:00.000Z',
    resolutionDue: '2026-11-19T02:00:00.000Z',
    firstResponseAt: '2026-11-17T02:30:00.000Z',
    resolution: { note: 'fixed the buyer name', cause: 'entry' },
    events: [
      { at: '2026-11-17T02:00:00.000Z', by: 'U3', action: 'filed' },
      { at: '2026-11-17T02:30:00.000Z', by: 'UFIN', action: 'claim' },
      { at: '2026-11-23T02:00:00.000Z', by: 'UFIN', action: 'resolve', text: 'fixed the buyer name' },
    ],
  });
}

// The figures of {@link fill}'s data, week by week.
function expectWeeks({ code, lines }: { code: number; lines: string[] }): void {
  expect(code).toBe(0);
  expect(lines[0]).toBe(WEEK_COLUMNS.join(','));
  const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [WEEK_COLUMNS[i], v])));
  expect(rows.map((r) => [r.week_start, r.questions, r.solved, r.escalated, r.solved_percent])).toEqual([
    ['2026-11-16T00:00:00+08:00', '1', '1', '0', '100'],
    ['2026-11-23T00:00:00+08:00', '1', '0', '1', '0'],
  ]);
  expect(rows[1]).toMatchObject({
    escalations_opened: '1',
    first_response_median_min: '60',
    first_response_sla_percent: '100',
    resolution_sla_percent: '0',
    missing_at_end: '3',
    week_end: '2026-11-30T00:00:00+08:00',
  });
  // The causes, one column each: the walk-through's findings and the escalation resolved in the second week.
  const counts = (prefix: string) =>
    rows.map((r) => Object.entries(r).filter(([c, v]) => c.startsWith(prefix) && v !== '0'));
  expect(counts('found_')).toEqual([
    [],
    [
      ['found_sync', '1'],
      ['found_entry', '1'],
    ],
  ]);
  expect(counts('resolved_as_')).toEqual([[], [['resolved_as_entry', '1']]]);
  expect(rows[1]).toMatchObject({ escalations_resolved: '1', resolved_as_sync: '0', resolved_as_other: '0' });
}

describe('npm run stats', () => {
  const tempDir = useTempDirs();

  it('exports per-week figures as CSV', async () => {
    const dir = await tempDir();
    await fixture(dir);
    expectWeeks(await run(['--since', '2026-11-16', '--until', '2026-11-29', '--format', 'csv'], dir));
  });

  it('exports the questions behind them, with no amounts or tax ids', async () => {
    const dir = await tempDir();
    await fixture(dir);
    const csv = await run(['--since', '2026-11-16', '--format', 'csv', '--table', 'questions'], dir);
    expect(csv.lines).toEqual([
      QUESTION_COLUMNS.join(','),
      '2026-11-16T00:00:00+08:00,2026-11-17T10:00:00+08:00,U1,26112000000000100008,1,sync_window,solved,answer',
      '2026-11-23T00:00:00+08:00,2026-11-24T10:00:00+08:00,U2,26112000000000100008,1,overdue,escalated,',
    ]);
    const json = JSON.parse((await run(['--since', '2026-11-16', '--format', 'json'], dir)).lines.join('\n'));
    expect(json.questions).toHaveLength(2);
    expect(json.weeks[1]).toMatchObject({ found_sync: 1, resolved_as_entry: 1, resolved_as_sync: 0 });
    expect(Object.keys(json.questions[0])).toEqual([...QUESTION_COLUMNS]);
    expect(JSON.stringify(json)).not.toMatch(/"(amount|tax|total|seller|buyer)/i);
  });

  it.each([
    [['--since', '2026-11-16']],
    [['--since', 'soon', '--format', 'csv']],
    [['--since', '2026-11-16', '--format', 'xml']],
  ])('explains its usage for %j', async (argv) => {
    const r = await run(argv, await tempDir());
    expect(r.code).toBe(2);
    expect(r.lines[0]).toMatch(/^Usage: npm run stats -- --since/);
    const zh = await run(argv, await tempDir(), { BOT_LANGUAGE: 'zh' });
    expect(zh).toEqual({ code: 2, lines: [expect.stringMatching(/^用法：npm run stats -- --since/)] });
  });

  it('names a --since after --until, in BOT_LANGUAGE, and exports nothing', async () => {
    const argv = ['--since', '2026-11-16', '--until', '20261101', '--format', 'csv'];
    const en = await run(argv, await tempDir());
    expect(en).toEqual({
      code: 2,
      lines: ['--since 2026-11-16 is after --until 20261101: nothing was exported. Swap them.'],
    });
    const zh = await run(argv, await tempDir(), { BOT_LANGUAGE: 'zh' });
    expect(zh.lines).toEqual(['--since 2026-11-16 晚于 --until 20261101：没有导出任何数据。请交换两者。']);
  });
});

// With DATABASE_URL the figures are those every replica wrote to the database, not the files in DATA_DIR.
describePostgres('npm run stats with a database', () => {
  const tempDir = useTempDirs();
  const schema = useMigratedSchema();

  it('exports the figures from PostgreSQL', async () => {
    await fill(createPostgresQuestionLog(schema.pool), createPgEscalationStore(schema.pool));
    const env = { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema.name };
    expectWeeks(await run(['--since', '2026-11-16', '--until', '2026-11-29', '--format', 'csv'], await tempDir(), env));
  });

  it('says in one line when the server cannot be reached', async () => {
    const env = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DATABASE_SCHEMA: 'none' };
    const r = await run(['--since', '2026-11-16', '--format', 'csv'], await tempDir(), env);
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([expect.stringContaining('Cannot use PostgreSQL at postgres://nobody@127.0.0.1:1/none')]);
  });
});
