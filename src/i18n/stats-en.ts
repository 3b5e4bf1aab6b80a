import type { Durations } from '../domain/bot-metrics.js';
import { changeNote, type StatsCatalog } from './stats-catalog.js';

const hm = (minutes: number) => {
  const m = Math.round(minutes);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
};
const times = (d: Durations) =>
  d.median === undefined ? 'none yet' : `median ${hm(d.median)}, p90 ${hm(d.p90 ?? d.median)} (${d.count})`;
const pct = (n: number | undefined) => (n === undefined ? '—' : `${n}%`);

/** English words for the figures. */
export const statsEn: StatsCatalog = {
  feedback: {
    question: 'Did this solve it?',
    helpful: 'Yes, it solved it',
    unhelpful: 'No, it did not',
    thanks: 'Thanks — glad it is sorted. I have noted it.',
    sorry: 'Sorry it did not. Walk through the checks with me, or hand it to finance:',
    alreadyAnswered: 'You already told me about this one — thanks. Nothing changed.',
    troubleshoot: 'Walk me through it',
    escalate: 'Escalate to finance',
  },
  greeting: (role) =>
    [
      '👋 *Hi, I am Invoice Desk (发票助手).* Send me an invoice number and I will tell you where it is — and if the tax system does not show it yet, why, by when it should, and what to do.',
      '• `where is 26112000000000100008?` or just the number — a 20-digit 数电 number, or the code and number',
      '• `check <id>` walks through the troubleshooting checklist; `escalate <id>` hands it to finance',
      '• `notices` lists maintenance windows of the tax system; `escalations` your questions with finance',
      ...(role === 'employee' ? [] : ['• `stats` — how the bot is doing: questions, solved, escalations, SLAs']),
      'Type `help` any time, or `lang zh` for Chinese (中文请输入 `lang zh`).',
    ].join('\n'),
  refused: 'The bot’s figures are for finance leads and admins.',
  badPeriod: (text) =>
    `I cannot read the period “${text}”. Use this-week, last-week, this-month, last-month or a range like 2026-11-01..2026-11-30.`,
  rangeTooLong: (days, max) => `That range is ${days} days; ask for at most ${max}, or use \`npm run stats\`.`,
  title: (from, to) => `Bot figures, ${from} to ${to}`,
  headline: (m, h, c) => [
    `*Questions:* ${h.questions}${changeNote(c.questions)} — ${m.lookups} lookup(s) by ${m.users} person(s) about ${m.invoices} invoice(s)`,
    `*Confirmed solved:* ${h.solved} (${pct(h.solvedPercent)}${changeNote(c.solvedPercent, ' pts')}) · escalated ${h.escalated}${changeNote(c.escalated)} · not solved ${m.outcomes.not_solved} · no answer ${h.noAnswer}`,
    `*Escalations:* ${h.escalationsOpened} opened${changeNote(c.escalationsOpened)}, ${h.escalationsResolved} resolved${changeNote(c.escalationsResolved)}`,
    `*First response* (business hours): ${times(m.escalations.firstResponse)} · SLA met ${pct(h.firstResponseSla)}${changeNote(c.firstResponseSla, ' pts')}`,
    `*Resolution* (business hours): ${times(m.escalations.resolution)} · SLA met ${pct(h.resolutionSla)}${changeNote(c.resolutionSla, ' pts')}`,
    `*Still missing beyond their window at the end:* ${h.missingAtEnd ?? '—'}${changeNote(c.missingAtEnd)}`,
  ],
  detail: (m, resolutionCause) => [
    `*Solved at:* ${m.solvedAt.map((s) => `${statsEn.solvedAt[s.name]} ${s.count}`).join(', ') || '—'}`,
    `*Diagnoses:* ${
      m.causes.diagnoses
        .slice(0, 5)
        .map((c) => `${statsEn.causes[c.name] ?? c.name} ${c.count}`)
        .join(', ') || '—'
    }`,
    `*Walk-through findings:* ${m.causes.findings.map((c) => `${statsEn.solvedAt[c.name]} ${c.count}`).join(', ') || '—'}`,
    `*Resolved as:* ${m.causes.resolutions.map((c) => `${resolutionCause(c.name)} ${c.count}`).join(', ') || '—'}`,
  ],
  weekly: (h, c) =>
    `📊 Last week: questions ${h.questions}${changeNote(c.questions)}, confirmed solved ${h.solved} (${pct(h.solvedPercent)}${changeNote(c.solvedPercent, ' pts')}), escalations ${h.escalationsOpened}${changeNote(c.escalationsOpened)}, first-response SLA ${pct(h.firstResponseSla)}${changeNote(c.firstResponseSla, ' pts')}, resolution SLA ${pct(h.resolutionSla)}${changeNote(c.resolutionSla, ' pts')}.`,
  causes: {
    invalid_id: 'Invalid id',
    not_found: 'Not found',
    not_issued: 'Not issued',
    issue_failed: 'Issue failed',
    upload_failed: 'Upload failed',
    voided: 'Voided',
    out_of_control: 'Out of control',
    abnormal: 'Abnormal',
    red_reversed: 'Red-reversed',
    partially_red_reversed: 'Part red-reversed',
    red_invoice: 'Red invoice',
    maintenance: 'Maintenance',
    sync_window: 'Sync window',
    not_synced_yet: 'Not synced yet',
    overdue: 'Overdue',
    wrong_buyer: 'Wrong buyer',
    mismatch: 'Data mismatch',
    tax_only: 'Tax data only',
    too_old: 'Too old',
    other_region: 'Other region',
    visible: 'Visible',
  },
  solvedAt: {
    answer: 'the answer',
    maintenance: 'maintenance',
    sync: 'sync',
    entry: 'entry',
    issue: 'issue',
    status: 'status',
    buyer: 'buyer',
  },
  trend: {
    title: 'Questions and escalations per week',
    questions: 'Questions',
    escalations: 'Escalations',
    x: 'Week',
    y: 'Count',
  },
  trendSummary: (weeks, questions, escalations) =>
    `Over the last ${weeks} weeks: ${questions} questions, ${escalations} escalations.`,
  topCauses: { title: 'Top causes', x: 'Cause', y: 'Questions' },
  topCausesSummary: (top, count) => (top ? `Most frequent cause: ${top} (${count}).` : 'No causes yet.'),
  split: {
    title: 'Solved by the bot vs escalated',
    bot: 'Solved by bot',
    finance: 'Escalated',
    notSolved: 'Not solved',
    open: 'No answer',
  },
  splitSummary: (solved, escalated) => `${solved} confirmed solved by the bot, ${escalated} escalated to finance.`,
  noQuestions: 'No questions in this period yet.',
  home: {
    title: '📊 How the bot is doing',
    period: 'This week so far, against last week. Company-wide figures: finance leads and admins only.',
    more: 'Other periods: `/invoice stats last-week`, `this-month`, `2026-11-01..2026-11-30`; export with `npm run stats`.',
  },
};
