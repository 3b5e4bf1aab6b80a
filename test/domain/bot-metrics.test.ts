import { describe, expect, it } from 'vitest';
import {
  type BotMetrics,
  computeMetrics,
  type MetricsInput,
  median,
  nearestRank,
} from '../../src/domain/bot-metrics.js';
import type { WorkingCalendar } from '../../src/domain/business-time.js';
import type { Escalation, EscalationEvent } from '../../src/domain/escalation.js';
import { headlineChange, headlineOf } from '../../src/domain/metrics-headline.js';
import type { QuestionEvent } from '../../src/domain/question-event.js';

// Beijing wall-clock time → the stored ISO instant.
const t = (local: string) => new Date(`${local}:00+08:00`).toISOString();
// Monday to Friday, 09:00–18:00 (this fixture's weeks have no holidays).
const calendar: WorkingCalendar = { isWorkday: (day) => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()) };
const hours = { start: 540, end: 1080 };
const zone = 'Asia/Shanghai';
const week = { from: new Date(t('2026-11-23T00:00')), to: new Date(t('2026-11-30T00:00')) };
const weekBefore = { from: new Date(t('2026-11-16T00:00')), to: new Date(t('2026-11-23T00:00')) };

const asked = (at: string, user: string, invoice: string, cause: 'overdue' | 'sync_window' | 'not_found' | 'visible') =>
  ({ type: 'asked', at: t(at), user, invoice, cause }) as const;

function escalation(
  id: string,
  invoiceKey: string,
  fields: Partial<Escalation>,
  events: EscalationEvent[],
): Escalation {
  return {
    id,
    invoiceKey,
    requester: 'U0',
    followers: [],
    urgency: 'normal',
    note: '',
    diagnosis: { cause: 'overdue', expectedBy: t('2026-11-20T10:00') },
    checks: [],
    status: 'open',
    createdAt: '',
    firstResponseDue: '',
    resolutionDue: '',
    posts: [],
    reminded: [],
    ...fields,
    events,
  };
}

// The fixture week, Mon 2026-11-23 to Sun 2026-11-29, and one case in the week before.
const events: QuestionEvent[] = [
  // U1 asks about A twice, then escalates it: one question, two lookups, escalated.
  asked('2026-11-23T10:00', 'U1', 'DA', 'overdue'),
  asked('2026-11-23T10:05', 'U1', 'DA', 'overdue'),
  // U2: B solved by the answer (👍), C solved at the walk-through's entry step.
  asked('2026-11-24T09:00', 'U2', 'DB', 'sync_window'),
  { type: 'feedback', at: t('2026-11-24T09:01'), user: 'U2', invoice: 'DB', helpful: true, cause: 'sync_window' },
  asked('2026-11-24T11:00', 'U2', 'DC', 'overdue'),
  {
    type: 'walkthrough',
    at: t('2026-11-24T11:20'),
    user: 'U2',
    invoice: 'DC',
    outcome: 'solved',
    step: 'entry',
    findings: ['entry'],
  },
  // U3: B not solved (👎), no escalation.
  asked('2026-11-25T14:00', 'U3', 'DB', 'sync_window'),
  { type: 'feedback', at: t('2026-11-25T14:02'), user: 'U3', invoice: 'DB', helpful: false, cause: 'sync_window' },
  // U4: D, a walk-through left unfinished and no answer: no answer.
  asked('2026-11-26T16:00', 'U4', 'DD', 'not_found'),
  { type: 'walkthrough', at: t('2026-11-26T16:30'), user: 'U4', invoice: 'DD', outcome: 'abandoned', findings: [] },
  // U5 asks about A and follows U1's escalation: escalated.
  asked('2026-11-27T09:30', 'U5', 'DA', 'overdue'),
  // U7 answers about an invoice they never asked about this week: belongs to no question.
  { type: 'feedback', at: t('2026-11-27T12:00'), user: 'U7', invoice: 'DF', helpful: true, cause: 'visible' },
  { type: 'missing', at: t('2026-11-24T09:00'), count: 5 },
  { type: 'missing', at: t('2026-11-29T09:00'), count: 3 },
  // The week before: one question, solved by the answer; 7 missing.
  asked('2026-11-22T10:00', 'U6', 'DE', 'visible'),
  { type: 'feedback', at: t('2026-11-22T10:01'), user: 'U6', invoice: 'DE', helpful: true, cause: 'visible' },
  { type: 'missing', at: t('2026-11-20T09:00'), count: 7 },
];

const escalations: Escalation[] = [
  // E1 on A, normal: first response (claim) after 90 business minutes (met, due 14:10); first resolved Fri 10:00 —
  // Mon 10:10–18:00 470 + Tue–Thu 3 × 540 + Fri 60 = 2150 business minutes, after its due Wed 10:10 (missed).
  escalation(
    'E1',
    'DA',
    {
      requester: 'U1',
      followers: ['U5'],
      status: 'resolved',
      createdAt: t('2026-11-23T10:10'),
      firstResponseDue: t('2026-11-23T14:10'),
      resolutionDue: t('2026-11-25T10:10'),
      firstResponseAt: t('2026-11-23T11:40'),
      resolution: { note: 'synced', cause: 'sync' },
    },
    [
      { at: t('2026-11-23T10:10'), by: 'U1', action: 'filed' },
      { at: t('2026-11-23T11:40'), by: 'L1', action: 'claim' },
      { at: t('2026-11-27T09:40'), by: 'U5', action: 'followed' },
      { at: t('2026-11-27T10:00'), by: 'L1', action: 'resolve', text: 'synced' },
    ],
  ),
  // E2, urgent, about an invoice nobody looked up: first response Thu 10:00 after its due 09:00 (missed) = Wed 17–18
  // 60 + Thu 9–10 60 = 120 minutes; resolved Thu 16:00 (met, due 17:00) = 60 + 420 = 480 minutes.
  escalation(
    'E2',
    'DX',
    {
      requester: 'U8',
      urgency: 'urgent',
      status: 'resolved',
      createdAt: t('2026-11-25T17:00'),
      firstResponseDue: t('2026-11-26T09:00'),
      resolutionDue: t('2026-11-26T17:00'),
      firstResponseAt: t('2026-11-26T10:00'),
      resolution: { note: 'typo', cause: 'entry' },
    },
    [
      { at: t('2026-11-25T17:00'), by: 'U8', action: 'filed' },
      { at: t('2026-11-26T10:00'), by: 'L1', action: 'claim' },
      { at: t('2026-11-26T16:00'), by: 'L1', action: 'resolve', text: 'typo' },
    ],
  ),
  // E3, filed Friday evening: nothing decided before the week ends (first response due Mon 30 12:30).
  escalation(
    'E3',
    'DY',
    {
      requester: 'U9',
      createdAt: t('2026-11-27T17:30'),
      firstResponseDue: t('2026-11-30T12:30'),
      resolutionDue: t('2026-12-01T17:30'),
    },
    [{ at: t('2026-11-27T17:30'), by: 'U9', action: 'filed' }],
  ),
  // E4, filed the week before (first response 60 minutes, met then); its resolution target (Mon 23 10:00) is missed
  // in this week and it is resolved Tue 09:30: Thu 480 + Fri 540 + Mon 540 + Tue 30 = 1590 minutes.
  escalation(
    'E4',
    'DZ',
    {
      requester: 'U9',
      status: 'resolved',
      createdAt: t('2026-11-19T10:00'),
      firstResponseDue: t('2026-11-19T14:00'),
      resolutionDue: t('2026-11-23T10:00'),
      firstResponseAt: t('2026-11-19T11:00'),
      resolution: { note: 'other', cause: 'other' },
    },
    [
      { at: t('2026-11-19T10:00'), by: 'U9', action: 'filed' },
      { at: t('2026-11-19T11:00'), by: 'L1', action: 'claim' },
      { at: t('2026-11-24T09:30'), by: 'L1', action: 'resolve', text: 'other' },
    ],
  ),
  // E5, merged into E1 after 30 minutes: a first response (met), never a resolution.
  escalation(
    'E5',
    'DA',
    {
      requester: 'U10',
      status: 'duplicate',
      duplicateOf: 'E1',
      createdAt: t('2026-11-24T10:00'),
      firstResponseDue: t('2026-11-24T14:00'),
      resolutionDue: t('2026-11-26T10:00'),
      firstResponseAt: t('2026-11-24T10:30'),
    },
    [
      { at: t('2026-11-24T10:00'), by: 'U10', action: 'filed' },
      { at: t('2026-11-24T10:30'), by: 'L1', action: 'duplicate', text: 'E1' },
    ],
  ),
];

const input: MetricsInput = { events, escalations, calendar, hours, zone, now: new Date(t('2026-11-30T12:00')) };

describe('computeMetrics on a hand-worked week', () => {
  const m: BotMetrics = computeMetrics(input, week);

  it('counts lookups, distinct people, invoices and questions', () => {
    // 7 lookups (U1 asked about A twice) by U1–U5 about A–D; 6 person-invoice questions.
    expect([m.lookups, m.users, m.invoices, m.questions]).toEqual([7, 5, 4, 6]);
  });

  it('decides each question’s outcome: escalated over solved over 👎 over no answer', () => {
    expect(m.outcomes).toEqual({ escalated: 2, solved: 2, not_solved: 1, no_answer: 1 });
    expect(m.rows.map((r) => [r.user, r.invoice, r.lookups, r.outcome, r.solvedAt])).toEqual([
      ['U1', 'DA', 2, 'escalated', undefined],
      ['U2', 'DB', 1, 'solved', 'answer'],
      ['U2', 'DC', 1, 'solved', 'entry'],
      ['U3', 'DB', 1, 'not_solved', undefined],
      ['U4', 'DD', 1, 'no_answer', undefined],
      ['U5', 'DA', 1, 'escalated', undefined],
    ]);
  });

  it('distributes solved questions by where they were solved, the answer first', () => {
    expect(m.solvedAt).toEqual([
      { name: 'answer', count: 1 },
      { name: 'entry', count: 1 },
    ]);
  });

  it('ranks diagnoses per question, walk-through findings and resolution causes', () => {
    expect(m.causes.diagnoses).toEqual([
      { name: 'overdue', count: 3 },
      { name: 'sync_window', count: 2 },
      { name: 'not_found', count: 1 },
    ]);
    expect(m.causes.findings).toEqual([{ name: 'entry', count: 1 }]);
    // E1, E2 and E4 were first resolved this week; ties alphabetically.
    expect(m.causes.resolutions).toEqual([
      { name: 'entry', count: 1 },
      { name: 'other', count: 1 },
      { name: 'sync', count: 1 },
    ]);
  });

  it('counts escalations opened and resolved, with business-time median and p90', () => {
    expect(m.escalations.opened).toBe(4); // E1, E2, E3, E5
    expect(m.escalations.resolved).toBe(3); // E1, E2, E4
    // First responses this week: E5 30, E1 90, E2 120 → median 90, p90 (nearest rank 3 of 3) 120.
    expect(m.escalations.firstResponse).toEqual({ count: 3, median: 90, p90: 120 });
    // Resolutions: E2 480, E4 1590, E1 2150.
    expect(m.escalations.resolution).toEqual({ count: 3, median: 1590, p90: 2150 });
  });

  it('scores each SLA target in the period it was decided in', () => {
    // First response: E1 and E5 met, E2 missed; E3 is not due before the week ends.
    expect(m.escalations.sla.firstResponse).toEqual({ met: 2, missed: 1, percent: 66.7 });
    // Resolution: E2 met; E1 and E4 missed; E3 not due yet; E5 merged (not counted).
    expect(m.escalations.sla.resolution).toEqual({ met: 1, missed: 2, percent: 33.3 });
  });

  it('takes the last count of missing invoices before the period ends', () => {
    expect(m.missingAtEnd).toBe(3);
  });

  it('states the headline and its change against the week before', () => {
    const current = headlineOf(m);
    const previous = headlineOf(computeMetrics(input, weekBefore));
    expect(previous).toEqual({
      questions: 1,
      solved: 1,
      solvedPercent: 100,
      escalated: 0,
      noAnswer: 0,
      escalationsOpened: 1,
      escalationsResolved: 0,
      firstResponseMedian: 60,
      firstResponseSla: 100,
      missingAtEnd: 7,
    });
    expect(current).toMatchObject({ questions: 6, solved: 2, solvedPercent: 33.3, resolutionMedian: 1590 });
    expect(headlineChange(current, previous)).toEqual({
      questions: 5,
      solved: 1,
      solvedPercent: -66.7,
      escalated: 2,
      noAnswer: 1,
      escalationsOpened: 3,
      escalationsResolved: 3,
      firstResponseMedian: 30,
      firstResponseSla: -33.3,
      missingAtEnd: -4,
    });
  });

  it('does not count a target still ahead of "now" as missed while the period runs', () => {
    // Asked on Wed 12:00: E1's resolution target (Wed 10:10) is missed by then; E2's is not yet decided.
    const midweek = computeMetrics({ ...input, now: new Date(t('2026-11-25T12:00')) }, week);
    expect(midweek.escalations.sla.resolution).toEqual({ met: 0, missed: 2, percent: 0 });
  });

  it('gives empty figures for an empty period and does not change its input', () => {
    const frozen = JSON.stringify(input.events);
    const empty = computeMetrics(input, { from: new Date(t('2026-10-05T00:00')), to: new Date(t('2026-10-12T00:00')) });
    expect(headlineOf(empty)).toEqual({
      questions: 0,
      solved: 0,
      escalated: 0,
      noAnswer: 0,
      escalationsOpened: 0,
      escalationsResolved: 0,
    });
    expect(empty.escalations.firstResponse).toEqual({ count: 0 });
    expect(JSON.stringify(input.events)).toBe(frozen);
  });
});

describe('median and nearest-rank percentile', () => {
  it.each([
    [[], undefined, undefined],
    [[5], 5, 5],
    [[1, 2, 3, 10], 2.5, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5.5, 9],
  ])('%j → median %s, p90 %s', (values, med, p90) => {
    expect(median(values)).toBe(med);
    expect(nearestRank(values, 90)).toBe(p90);
  });
});
