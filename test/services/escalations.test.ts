import { describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../src/demo.js';
import type { Actor } from '../../src/domain/actor.js';
import type { Urgency } from '../../src/domain/escalation.js';
import { EscalationSettings } from '../../src/domain/escalation-settings.js';
import { toFilingTable } from '../../src/domain/filing-calendar.js';
import { createEscalationRenderer } from '../../src/flows/escalation-renderer.js';
import { createManualClock } from '../../src/lib/clocks.js';
import type { EscalationStore, ScheduleStore } from '../../src/ports.js';
import { runDailyJobs } from '../../src/services/daily-jobs.js';
import {
  actOnEscalation,
  type EscalationDeps,
  fileEscalation,
  relayFromRequester,
  relayFromThread,
} from '../../src/services/escalations.js';
import { runFilingReminders } from '../../src/services/filing-reminders.js';
import { importRecords } from '../../src/services/import-records.js';
import { createRoles } from '../../src/services/roles.js';
import { runSlaReminders } from '../../src/services/run-sla-reminders.js';
import { loadChinaCalendar } from '../../src/store/china-calendar.js';
import { loadFilingTable } from '../../src/store/filing-calendar-file.js';
import { createLowdbEscalationStore } from '../../src/store/lowdb-escalation-store.js';
import {
  createMemoryChecklistStore,
  createMemoryEscalationStore,
  createMemoryScheduleStore,
  createMemoryWatchStore,
} from '../../src/store/memory-state-stores.js';
import { createPgEscalationStore } from '../../src/store/postgres/pg-escalation-store.js';
import { demoDeductions, demoStore } from '../helpers/demo-conversation.js';
import { createDyingNotifier } from '../helpers/dying-notifier.js';
import { describePostgres } from '../helpers/postgres.js';
import { createRecordingNotifier } from '../helpers/recording-notifier.js';
import { usePostgresReplicas } from '../helpers/store-handles.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const alice = { userId: 'UALICE', role: 'employee' as const };
const bob = { userId: 'UBOB', role: 'employee' as const };
const lead = { userId: 'UFIN', role: 'finance' as const };
const KEY = 'D26112000000000100010';
const LEDGER_HEADER =
  'invoice_code,invoice_number,digital_number,type,issued_at,seller_tax_id,seller_name,buyer_tax_id,buyer_name,amount,tax,total,erp_status,uploaded_at,requester,note';
const RECEIVED_MISSING =
  ',,26312000000000100021,数电发票（增值税专用发票）,2026-11-20 10:00:00,91310115MA03JKLM1J,上海示例供应链有限公司,91110105MA01ABCD5F,北京示例科技有限公司,2000.00,260.00,2260.00,issued,,UBOB,Received in November';

async function* rowsOf(lines: string[]): AsyncIterable<string[]> {
  for (const line of lines) yield line.split(',');
}

async function setup(
  options: {
    channel?: string;
    escalations?: EscalationStore;
    now?: Date;
    latencyMs?: number;
    schedule?: ScheduleStore;
  } = {},
) {
  const clock = createManualClock(options.now ?? DEMO_NOW);
  const notifier = createRecordingNotifier({}, options.latencyMs ? { latencyMs: options.latencyMs } : {});
  const deps: EscalationDeps = {
    escalations: options.escalations ?? createMemoryEscalationStore(),
    schedule: options.schedule ?? createMemoryScheduleStore({ clock }),
    notifier,
    render: createEscalationRenderer('en', 'Asia/Shanghai', 60),
    lookup: {
      store: await demoStore(),
      windows: { windows: async () => [] },
      clock,
      settings: (await import('../helpers/fixtures.js')).settings,
      zone: 'Asia/Shanghai',
      calendar: await loadChinaCalendar('/nonexistent-invoice-desk'),
      filing: await loadFilingTable('/nonexistent-invoice-desk'),
    },
    calendar: await loadChinaCalendar('/nonexistent-invoice-desk'),
    settings: EscalationSettings.parse({}),
    ...(options.channel === undefined ? { channel: 'C0ESC' } : options.channel ? { channel: options.channel } : {}),
    financeLeads: ['UFIN', 'UFIN2'],
    admins: ['UADM'],
    roleOf: createRoles({ admins: ['UADM'], financeLeads: ['UFIN', 'UFIN2'] }),
    languageOf: async (id) => (id === 'UBOB' ? 'zh' : 'en'),
  };
  return { deps, clock, notifier };
}

/** The daily jobs' dependencies over `deps`, with nothing to back up and no watches. */
const jobsOf = (deps: EscalationDeps & { schedule: ScheduleStore }, schedule = deps.schedule) => ({
  ...deps,
  schedule,
  watches: createMemoryWatchStore(),
  sessions: createMemoryChecklistStore(),
  backupFailed: () => ({ text: '' }),
  backup: async () => 'b',
  watchExpired: async () => ({ text: '' }),
});

/** Runs `work` a turn of the event loop later, as a round trip to a database does. */
const roundTrip = <T>(work: () => Promise<T>) => new Promise<void>((r) => setImmediate(r)).then(work);

/** The schedule of a database several replicas share: every call is a round trip. */
function overTheNetwork(shared: ScheduleStore): ScheduleStore {
  return {
    lastRun: (job) => roundTrip(() => shared.lastRun(job)),
    markRun: (job, value) => roundTrip(() => shared.markRun(job, value)),
    claim: (job, value) => roundTrip(() => shared.claim(job, value)),
  };
}

/** Files and returns what filing did; a refusal fails the test. */
async function file(deps: EscalationDeps, actor: Actor, invoiceKey: string, urgency: Urgency = 'normal', note = '') {
  const result = await fileEscalation(deps, actor, { invoiceKey, urgency, note, checks: [] });
  if (!result.ok) throw new Error(`filing was refused: ${result.error.code}`);
  return result.value;
}

describe('escalations', () => {
  const tempDir = useTempDirs();

  it('is urgent automatically, with the reason, when the filing deadline is 3 working days away or fewer', async () => {
    // Wednesday 2026-12-09: 5 working days before the November return (15 December) — normal stays normal.
    const early = await setup({ now: new Date('2026-12-09T10:00:00+08:00') });
    const calm = await file(early.deps, alice, KEY);
    expect(calm.escalation.urgency).toBe('normal');
    expect(calm.escalation.autoUrgent).toBeUndefined();
    // Friday 2026-12-11: 11, 14 and 15 December are left.
    const { deps, notifier } = await setup({ now: new Date('2026-12-11T10:00:00+08:00') });
    const { escalation } = await file(deps, alice, KEY);
    expect(escalation).toMatchObject({
      urgency: 'urgent',
      autoUrgent: true,
      filing: { period: '2026-11', due: '2026-12-15', daysLeft: 3 },
      // Urgent targets: 1 business hour, and 9 business hours (Friday 10:00–18:00, then Monday 09:00–10:00).
      firstResponseDue: '2026-12-11T03:00:00.000Z',
      resolutionDue: '2026-12-14T02:00:00.000Z',
    });
    expect(notifier.sent[0]?.text).toContain(
      '⏰ Urgent automatically: filed when 3 working day(s) were left before the November 2026 return is due (2026-12-15).',
    );
  });

  it('labels a deadline the rule computed (no official table for its year) provisional, wherever it is shown', async () => {
    // Without any official table, December 2026's deadline comes from the rule (the 15th, a Tuesday): provisional.
    const { deps, notifier } = await setup({ now: new Date('2026-12-11T10:00:00+08:00') });
    deps.lookup = { ...deps.lookup, filing: toFilingTable() };
    const { escalation } = await file(deps, alice, KEY);
    // Stored with the escalation, so the post says it whenever it is redrawn.
    expect(escalation.filing).toMatchObject({ due: '2026-12-15', official: false, daysLeft: 3 });
    expect(notifier.sent[0]?.text).toContain(
      '⏰ Urgent automatically: filed when 3 working day(s) were left before the November 2026 return is due (2026-12-15 (provisional)).',
    );
    expect(createEscalationRenderer('zh', 'Asia/Shanghai', 60).post(escalation).text).toContain(
      '⏰ 自动标为紧急：上报时距2026年11月的申报截止日（2026-12-15（暂定））仅剩 3 个工作日。',
    );
    // The reminders before the deadline: finance's, and the requester's DM in English and in Chinese.
    notifier.sent.length = 0;
    await runFilingReminders(await weeklyJobs(deps, '2026-12-31'), '2026-12-11');
    expect(notifier.sent.find((m) => m.to === 'C0ESC')?.text).toContain(
      '⏰ The November 2026 return is due 2026-12-15 (provisional) (3 working days left)',
    );
    expect(notifier.sent.find((m) => m.to === 'UDEMOEMP')?.text).toContain(
      '⏰ The November 2026 return is due 2026-12-15 (provisional) (3 working days left), and your invoice(s) 26112000000000100010',
    );
    const zh = { ...(await weeklyJobs(deps, '2026-12-31')), languageOf: async () => 'zh' as const };
    notifier.sent.length = 0;
    await runFilingReminders(zh, '2026-12-11');
    expect(notifier.sent.find((m) => m.to === 'UDEMOEMP')?.text).toContain(
      '⏰ 2026年11月的申报截止 2026-12-15（暂定）（还剩 3 个工作日），你的发票 26112000000000100010',
    );
    // With the official table the same deadline carries no label.
    const official = await setup({ now: new Date('2026-12-11T10:00:00+08:00') });
    const filed = await file(official.deps, alice, KEY);
    expect(filed.escalation.filing?.official).toBe(true);
    expect(official.notifier.sent[0]?.text).toContain('return is due (2026-12-15).');
  });

  it('turns urgent once as the deadline comes close, with the reason on the post and one note in its thread', async () => {
    // Wednesday 2026-12-09: 5 working days before the November return (15 December) — filed normal.
    const { deps, clock, notifier } = await setup({ now: new Date('2026-12-09T10:00:00+08:00') });
    const { escalation } = await file(deps, alice, KEY);
    expect(escalation.urgency).toBe('normal');
    await actOnEscalation(deps, lead, escalation.id, { kind: 'claim' });
    notifier.sent.length = 0;
    // Thursday: 4 working days left — still normal.
    clock.set(new Date('2026-12-10T10:00:00+08:00'));
    await runSlaReminders(deps);
    expect((await deps.escalations.get(escalation.id))?.urgency).toBe('normal');
    // Friday 09:00: 11, 14 and 15 December are left. Normal resolution was due Friday 10:00; urgent from now would be
    // Friday 18:00, so it stays the earlier one.
    clock.set(new Date('2026-12-11T09:00:00+08:00'));
    await runSlaReminders(deps);
    const raised = await deps.escalations.get(escalation.id);
    expect(raised).toMatchObject({
      urgency: 'urgent',
      autoUrgent: true,
      filing: { period: '2026-11', due: '2026-12-15', official: true, daysLeft: 3 },
      resolutionDue: '2026-12-11T02:00:00.000Z',
    });
    const note = notifier.sent.filter((m) => m.kind === 'post' && m.threadTs && m.text.includes('urgent now'));
    expect(note).toHaveLength(1);
    expect(note[0]?.text).toBe(
      '⏰ Urgent automatically: it became urgent when 3 working day(s) were left before the November 2026 return is due (2026-12-15). The filing deadline is close, so this is urgent now: the SLA is recomputed, resolution now due by 2026-12-11 10:00.',
    );
    const edited = notifier.sent.filter((m) => m.kind === 'update').at(-1);
    expect(edited?.text).toContain('Urgent');
    expect(edited?.text).toContain(
      '⏰ Urgent automatically: it became urgent when 3 working day(s) were left before the November 2026 return is due (2026-12-15).',
    );
    // Later ticks, and a requester asking again normally, do not raise or note it again.
    clock.set(new Date('2026-12-14T09:00:00+08:00'));
    await runSlaReminders(deps);
    await runSlaReminders(deps);
    await file(deps, alice, KEY, 'normal', 'still missing');
    expect(notifier.sent.filter((m) => m.text.includes('urgent now'))).toHaveLength(1);
    expect(
      (await deps.escalations.get(escalation.id))?.events.filter((e) => e.action === 'deadline_urgent'),
    ).toHaveLength(1);
    // In Chinese, the post's reason and the thread note.
    const zh = createEscalationRenderer('zh', 'Asia/Shanghai', 60);
    const stored = await deps.escalations.get(escalation.id);
    if (!stored) throw new Error('lost');
    expect(zh.post(stored).text).toContain(
      '⏰ 自动转为紧急：当时距2026年11月的申报截止日（2026-12-15）仅剩 3 个工作日。',
    );
    const event = stored.events.find((e) => e.action === 'deadline_urgent');
    if (!event) throw new Error('no event');
    expect(zh.event(stored, event).text).toContain(
      '申报截止日临近，此上报已转为紧急：时限已重新计算，现应在 2026-12-11 10:00 前解决。',
    );
  });

  it('sends the deadline raise’s note on a later tick when sending it failed after the raise was stored, once', async () => {
    const { deps, clock, notifier } = await setup({ now: new Date('2026-12-09T10:00:00+08:00') });
    const { escalation } = await file(deps, alice, KEY);
    notifier.sent.length = 0;
    clock.set(new Date('2026-12-11T09:00:00+08:00'));
    // Slack fails (or the replica dies) after the raise is stored and the post edited, before the thread note.
    const down = async (): Promise<never> => {
      throw new Error('Slack unreachable');
    };
    await expect(runSlaReminders({ ...deps, notifier: { ...deps.notifier, post: down } })).rejects.toThrow(
      'Slack unreachable',
    );
    expect((await deps.escalations.get(escalation.id))?.urgency).toBe('urgent');
    expect(notifier.sent.filter((m) => m.text.includes('urgent now'))).toHaveLength(0);
    // The next ticks send the note once, and do not edit the post again.
    await runSlaReminders(deps);
    await runSlaReminders(deps);
    const notes = notifier.sent.filter((m) => m.kind === 'post' && m.threadTs && m.text.includes('urgent now'));
    expect(notes.map((m) => m.to)).toEqual(['C0ESC']);
    expect(notifier.sent.filter((m) => m.kind === 'update')).toHaveLength(1);
    expect(await deps.escalations.get(escalation.id)).not.toHaveProperty('deadlineNote');
  });

  it('notes a raise when the requester asks again near the deadline, and owes it if sending fails', async () => {
    const { deps, clock, notifier } = await setup({ now: new Date('2026-12-09T10:00:00+08:00') });
    const { escalation } = await file(deps, alice, KEY);
    clock.set(new Date('2026-12-11T09:00:00+08:00'));
    notifier.sent.length = 0;
    const down = async (): Promise<never> => {
      throw new Error('Slack unreachable');
    };
    const asked = fileEscalation({ ...deps, notifier: { ...deps.notifier, post: down } }, alice, {
      invoiceKey: KEY,
      urgency: 'normal',
      note: '',
      checks: [],
    });
    await expect(asked).rejects.toThrow('Slack unreachable');
    expect((await deps.escalations.get(escalation.id))?.urgency).toBe('urgent');
    await runSlaReminders(deps);
    await runSlaReminders(deps);
    expect(notifier.sent.filter((m) => m.text.includes('urgent now'))).toHaveLength(1);
  });

  it('brings the targets of an escalation raised near the deadline forward, never after the deadline minus the margin', async () => {
    // Urgent within 1 working day; filed Monday 14 December 09:00 (2 left) while the margin was 0: resolution in 18
    // business hours is the deadline day's close, Tuesday 18:00.
    const { deps, clock } = await setup({ now: new Date('2026-12-14T09:00:00+08:00') });
    deps.settings = EscalationSettings.parse({ deadlineUrgentDays: 1, deadlineMarginMinutes: 0 });
    const { escalation } = await file(deps, alice, KEY);
    expect(escalation).toMatchObject({ urgency: 'normal', resolutionDue: '2026-12-15T10:00:00.000Z' });
    // The margin is now 4 hours. Tuesday 09:00, the deadline day: urgent, and an urgent target from now (18:00) is
    // capped at 14:00; the first response, due Monday 13:00 and not given, stays as it was.
    deps.settings = EscalationSettings.parse({ deadlineUrgentDays: 1 });
    clock.set(new Date('2026-12-15T09:00:00+08:00'));
    await runSlaReminders(deps);
    expect(await deps.escalations.get(escalation.id)).toMatchObject({
      urgency: 'urgent',
      firstResponseDue: '2026-12-14T05:00:00.000Z',
      resolutionDue: '2026-12-15T06:00:00.000Z',
    });
  });

  it('turns an open escalation urgent when it is asked about again near the deadline, with the reason', async () => {
    const { deps, clock, notifier } = await setup({ now: new Date('2026-12-09T10:00:00+08:00') });
    const { escalation } = await file(deps, alice, KEY);
    notifier.sent.length = 0;
    // Friday 10:00, before any tick: Bob asks about the same invoice, not saying it is urgent.
    clock.set(new Date('2026-12-11T10:00:00+08:00'));
    const again = await file(deps, bob, KEY);
    expect(again).toMatchObject({ outcome: 'followed', raised: true });
    expect(again.escalation).toMatchObject({ urgency: 'urgent', autoUrgent: true, filing: { daysLeft: 3 } });
    expect(notifier.sent.filter((m) => m.text.includes('urgent now'))).toHaveLength(1);
    // The tick that follows finds it urgent already.
    await runSlaReminders(deps);
    expect(notifier.sent.filter((m) => m.text.includes('urgent now'))).toHaveLength(1);
    expect(escalation.id).toBe(again.escalation.id);
  });

  it('never sets an SLA target later than the deadline day’s close minus the margin', async () => {
    // Tuesday 2026-12-15 09:00, the deadline day: 9 business hours would end on the 16th; the cap is 18:00 − 4 h.
    const { deps } = await setup({ now: new Date('2026-12-15T09:00:00+08:00') });
    const { escalation } = await file(deps, alice, KEY, 'urgent', 'x');
    expect(escalation.autoUrgent).toBeUndefined();
    expect(escalation.firstResponseDue).toBe('2026-12-15T02:00:00.000Z');
    expect(escalation.resolutionDue).toBe('2026-12-15T06:00:00.000Z');
    // With a margin of 0 the cap is the deadline day's close.
    const zero = await setup({ now: new Date('2026-12-15T09:00:00+08:00') });
    zero.deps.settings = EscalationSettings.parse({ deadlineMarginMinutes: 0 });
    const late = await file(zero.deps, alice, KEY, 'urgent', 'x');
    expect(late.escalation.resolutionDue).toBe('2026-12-15T10:00:00.000Z');
  });

  it('files with a dated reference, the diagnosis, and SLA targets on the working calendar', async () => {
    // Friday 2026-11-27 15:00: 4 business hours → Monday 10:00; 2 business days (18 h) → Tuesday 15:00.
    const { deps, notifier } = await setup();
    const filed = await fileEscalation(deps, alice, {
      invoiceKey: KEY,
      urgency: 'normal',
      note: 'needed for month-end',
      checks: ['Sync delay: ⚠️ Likely cause'],
    });
    if (!filed.ok) throw new Error('refused');
    const { escalation, outcome } = filed.value;
    expect(outcome).toBe('filed');
    expect(escalation).toMatchObject({
      id: 'ESC-20261127-001',
      status: 'open',
      firstResponseDue: '2026-11-30T02:00:00.000Z',
      resolutionDue: '2026-12-01T07:00:00.000Z',
    });
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toMatchObject({ kind: 'post', to: 'C0ESC' });
    expect(notifier.sent[0]?.text).toContain('It should be visible by now');
    expect(notifier.sent[0]?.text).toContain('needed for month-end');
    expect(notifier.sent[0]?.text).toContain('first response by 2026-11-30 10:00');
    expect(notifier.sent[0]?.text).toContain(
      'Tax data last synced 2026-11-27 15:00 (issue dates 2020-06-15 – 2026-11-26)',
    );
    const second = await file(deps, lead, 'D26112000000000100009', 'urgent', 'filing deadline today');
    expect(second.escalation.id).toBe('ESC-20261127-002');
    expect(second.escalation.firstResponseDue).toBe('2026-11-27T08:00:00.000Z');
  });

  it('DMs every finance lead when no escalation channel is set', async () => {
    const { deps, notifier } = await setup({ channel: '' });
    const { escalation } = await file(deps, alice, KEY);
    expect(notifier.sent.map((s) => [s.kind, s.to])).toEqual([
      ['direct', 'UFIN'],
      ['direct', 'UFIN2'],
    ]);
    // Each post is kept under its DM's conversation id, which edits and thread replies need.
    expect(escalation.posts.map((p) => p.channel)).toEqual(['DUFIN', 'DUFIN2']);
  });

  it('turns a second escalation about the same invoice into a follower, without a new post', async () => {
    const { deps, notifier } = await setup();
    await file(deps, alice, KEY);
    const again = await file(deps, bob, KEY, 'normal', 'me too');
    expect(again.outcome).toBe('followed');
    expect(again.escalation.followers).toEqual(['UBOB']);
    expect(await deps.escalations.all()).toHaveLength(1);
    expect(notifier.sent.filter((s) => s.kind === 'post' && !s.threadTs)).toHaveLength(1);
    expect(notifier.sent.at(-1)).toMatchObject({ kind: 'post', threadTs: '1.000' });
    expect((await file(deps, bob, KEY)).escalation.followers).toEqual(['UBOB']);
  });

  it('keeps both people when two escalate one invoice at the same moment while Slack is slow', async () => {
    const { deps, notifier } = await setup({ channel: '', latencyMs: 30 });
    const first = fileEscalation(deps, alice, { invoiceKey: KEY, urgency: 'normal', note: '', checks: [] });
    await notifier.calls(1); // Alice's posts to the leads are on their way
    const second = await file(deps, bob, KEY);
    await first;
    expect(second.outcome).toBe('followed');
    const stored = await deps.escalations.all();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.followers).toEqual(['UBOB']);
    expect(stored[0]?.posts.map((p) => p.channel)).toEqual(['DUFIN', 'DUFIN2']);
    expect(stored[0]?.events.map((e) => e.action)).toEqual(['filed', 'followed']);
  });

  it('files one escalation, and makes the other person a follower, when two file for one invoice at once', async () => {
    const { deps } = await setup();
    const [first, second] = await Promise.all([file(deps, alice, KEY), file(deps, bob, KEY)]);
    expect([first.outcome, second.outcome].sort()).toEqual(['filed', 'followed']);
    const stored = await deps.escalations.all();
    expect(stored.map((e) => e.id)).toEqual(['ESC-20261127-001']);
    expect(stored[0]?.followers).toEqual(['UBOB']);
  });

  it('keeps a resolve made while the SLA tick is still posting reminders slowly', async () => {
    const { deps, clock, notifier } = await setup({ latencyMs: 30 });
    await fileEscalation(deps, alice, { invoiceKey: KEY, urgency: 'normal', note: '', checks: [] });
    await fileEscalation(deps, bob, { invoiceKey: 'D26112000000000100009', urgency: 'normal', note: '', checks: [] });
    clock.set(new Date('2026-11-30T10:05:00+08:00')); // both first responses breached
    const before = notifier.sent.length;
    const tick = runSlaReminders(deps);
    await notifier.calls(before + 1); // the first escalation's reminder is being posted
    const resolve = (id: string) =>
      actOnEscalation(deps, lead, id, { kind: 'resolve', note: 'found it', cause: 'sync' });
    const resolved = await Promise.all([resolve('ESC-20261127-001'), resolve('ESC-20261127-002')]);
    expect(resolved.map((r) => r.ok)).toEqual([true, true]);
    expect(await tick).toBe(1);
    for (const esc of await deps.escalations.all()) {
      expect(esc.status).toBe('resolved');
      expect(esc.events.map((e) => e.action)).toContain('resolve');
    }
    expect((await deps.escalations.get('ESC-20261127-001'))?.reminded).toEqual(['breach:first:0']);
    expect((await deps.escalations.get('ESC-20261127-002'))?.reminded).toEqual([]);
  });

  it('lets finance claim, wait and resolve; edits the post, replies in its thread and tells requester and followers in their language', async () => {
    const { deps, notifier } = await setup();
    await file(deps, alice, KEY);
    await file(deps, bob, KEY);
    notifier.sent.length = 0;
    const claimed = await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'claim' });
    expect(claimed.ok && claimed.value).toMatchObject({
      status: 'claimed',
      assignee: 'UFIN',
      firstResponseAt: DEMO_NOW.toISOString(),
    });
    expect(notifier.sent.map((s) => [s.kind, s.to])).toEqual([
      ['update', 'C0ESC'],
      ['post', 'C0ESC'],
      ['direct', 'UALICE'],
      ['direct', 'UBOB'],
    ]);
    expect(notifier.sent[2]?.text).toBe('Finance has picked up ESC-20261127-001 and is looking into it.');
    expect(notifier.sent[3]?.text).toBe('财务已认领 ESC-20261127-001，正在处理。');
    await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'waiting', question: 'Which buyer did you enter?' });
    const resolved = await actOnEscalation(deps, lead, 'ESC-20261127-001', {
      kind: 'resolve',
      cause: 'sync',
      note: 'Re-synced; it shows now.',
    });
    expect(resolved.ok && resolved.value.status).toBe('resolved');
    // The requester reads the cause's label and the note, each in their own language; never the code `sync`.
    expect(notifier.sent.filter((s) => s.to === 'UALICE').at(-1)?.text).toBe(
      'ESC-20261127-001 is resolved.\nCause: Sync delay\nRe-synced; it shows now.',
    );
    // UBOB follows an invoice he may not see: the status and cause only, not finance's note.
    expect(notifier.sent.filter((s) => s.to === 'UBOB').at(-1)?.text).toBe('ESC-20261127-001 已解决。\n原因：同步延迟');
    expect(notifier.sent.filter((s) => s.kind === 'update').at(-1)?.text).toContain('Resolved — cause: Sync delay.');
  });

  it('assigns only to finance leads and admins: the assignee gets a link to the post, the requester the name', async () => {
    const { deps, notifier } = await setup();
    await file(deps, alice, KEY);
    expect(await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'assign', to: 'UBOB' })).toEqual({
      ok: false,
      error: { code: 'assignee_not_allowed', user: 'UBOB' },
    });
    expect((await deps.escalations.get('ESC-20261127-001'))?.status).toBe('open');
    notifier.sent.length = 0;
    const assigned = await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'assign', to: 'UFIN2' });
    expect(assigned.ok && assigned.value).toMatchObject({ status: 'claimed', assignee: 'UFIN2' });
    expect(notifier.sent.find((s) => s.to === 'UALICE')?.text).toBe(
      'ESC-20261127-001 was assigned to @{UFIN2}, who will handle it.',
    );
    expect(notifier.sent.find((s) => s.to === 'UFIN2')?.text).toBe(
      '@{UFIN} assigned ESC-20261127-001 (invoice 26112000000000100010) to you. Open the post to act on it: https://slack.test/archives/C0ESC/p1000',
    );
    // An admin can be assigned too.
    expect((await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'assign', to: 'UADM' })).ok).toBe(true);
  });

  it('marks a duplicate: never of itself, of another invoice only with a reason, and moves its people to the original', async () => {
    const { deps, notifier } = await setup();
    await file(deps, alice, KEY);
    await file(deps, bob, 'D26112000000000100009');
    await file(deps, { userId: 'UCAROL', role: 'employee' }, 'D26112000000000100009', 'normal', 'mine too');
    expect(await actOnEscalation(deps, bob, 'ESC-20261127-002', { kind: 'duplicate', of: 'ESC-20261127-001' })).toEqual(
      { ok: false, error: { code: 'not_allowed' } },
    );
    expect(
      await actOnEscalation(deps, lead, 'ESC-20261127-002', { kind: 'duplicate', of: 'ESC-20261127-002' }),
    ).toEqual({ ok: false, error: { code: 'duplicate_self' } });
    expect(
      await actOnEscalation(deps, lead, 'ESC-20261127-002', { kind: 'duplicate', of: 'ESC-20261127-001' }),
    ).toEqual({
      ok: false,
      error: {
        code: 'different_invoice',
        id: 'ESC-20261127-002',
        of: 'ESC-20261127-001',
        invoice: '26112000000000100009',
        otherInvoice: '26112000000000100010',
      },
    });
    expect((await deps.escalations.get('ESC-20261127-002'))?.status).toBe('open');
    notifier.sent.length = 0;
    const duplicate = await actOnEscalation(deps, lead, 'ESC-20261127-002', {
      kind: 'duplicate',
      of: 'ESC-20261127-001',
      reason: 'same order, the buyer asked about both',
    });
    expect(duplicate.ok && duplicate.value).toMatchObject({ status: 'duplicate', duplicateOf: 'ESC-20261127-001' });
    expect((await deps.escalations.get('ESC-20261127-001'))?.followers).toEqual(['UBOB', 'UCAROL']);
    expect(notifier.sent.filter((s) => s.to === 'UBOB').map((s) => s.text)).toEqual([
      'ESC-20261127-002 与 ESC-20261127-001 是同一问题，将在 ESC-20261127-001 中处理；您现已关注 ESC-20261127-001。',
    ]);
    expect(notifier.sent.filter((s) => s.to === 'UCAROL').map((s) => s.text)).toEqual([
      'ESC-20261127-002 is the same case as ESC-20261127-001, so it is handled there; you now follow ESC-20261127-001.',
    ]);
    // The original's thread says who joined it.
    expect(notifier.sent.filter((s) => s.threadTs === '1.000').map((s) => s.text)).toContain(
      '@{UFIN} marked ESC-20261127-002 a duplicate of this one: its requester and followers now follow this escalation.',
    );
    const reopened = await actOnEscalation(deps, lead, 'ESC-20261127-002', { kind: 'reopen' });
    expect(reopened.ok && reopened.value.status).toBe('open');
  });

  it('refuses employees, unknown ids, impossible transitions and duplicates of nothing', async () => {
    const { deps } = await setup();
    await file(deps, alice, KEY);
    expect(await actOnEscalation(deps, alice, 'ESC-20261127-001', { kind: 'claim' })).toEqual({
      ok: false,
      error: { code: 'not_allowed' },
    });
    expect(await actOnEscalation(deps, lead, 'ESC-20990101-001', { kind: 'claim' })).toEqual({
      ok: false,
      error: { code: 'not_found', id: 'ESC-20990101-001' },
    });
    expect(await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'reopen' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_transition', from: 'open' },
    });
    expect(
      await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'duplicate', of: 'ESC-20990101-001' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found', id: 'ESC-20990101-001' } });
    expect(
      await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'resolve', cause: 'sync', note: ' ' }),
    ).toEqual({ ok: false, error: { code: 'note_required' } });
    expect(await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'waiting', question: '' })).toEqual({
      ok: false,
      error: { code: 'question_required' },
    });
    expect((await deps.escalations.get('ESC-20261127-001'))?.status).toBe('open');
  });

  it('reminds before the first-response target, then on breach (also to admins), once per interval', async () => {
    const { deps, clock, notifier } = await setup();
    await file(deps, alice, KEY);
    notifier.sent.length = 0;
    clock.set(new Date('2026-11-30T09:10:00+08:00'));
    expect(await runSlaReminders(deps)).toBe(1);
    expect(notifier.sent[0]?.text).toContain('⏰ ESC-20261127-001: the first response is due at 2026-11-30 10:00');
    expect(await runSlaReminders(deps)).toBe(0);
    clock.set(new Date('2026-11-30T10:05:00+08:00'));
    await runSlaReminders(deps);
    expect(notifier.sent.filter((s) => s.text.includes('🚨')).map((s) => [s.kind, s.to])).toEqual([
      ['post', 'C0ESC'],
      ['direct', 'UADM'],
    ]);
    clock.set(new Date('2026-11-30T12:00:00+08:00'));
    expect(await runSlaReminders(deps)).toBe(0);
    clock.set(new Date('2026-11-30T14:10:00+08:00'));
    expect(await runSlaReminders(deps)).toBe(1);
    await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'claim' });
    notifier.sent.length = 0;
    clock.set(new Date('2026-11-30T18:10:00+08:00'));
    expect(await runSlaReminders(deps)).toBe(0);
  });

  it('relays the requester’s DM to the thread only while finance waits on them, and the thread back by DM', async () => {
    const { deps, notifier } = await setup();
    await file(deps, alice, KEY);
    expect(await relayFromRequester(deps, 'UALICE', 'hello?')).toBeUndefined();
    await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'waiting', question: 'Which buyer did you enter?' });
    notifier.sent.length = 0;
    expect((await relayFromRequester(deps, 'UALICE', 'The buyer is 北京乙客户有限公司'))?.id).toBe('ESC-20261127-001');
    expect(notifier.sent).toEqual([
      expect.objectContaining({
        kind: 'post',
        to: 'C0ESC',
        threadTs: '1.000',
        text: '@{UALICE}: The buyer is 北京乙客户有限公司',
      }),
    ]);
    notifier.sent.length = 0;
    expect(await relayFromThread(deps, 'C0ESC', '1.000', 'UFIN', 'Thanks, re-issuing now')).toBe('relayed');
    expect(notifier.sent).toEqual([
      expect.objectContaining({
        kind: 'direct',
        to: 'UALICE',
        text: 'ESC-20261127-001 — @{UFIN}, finance: Thanks, re-issuing now',
      }),
    ]);
    expect(await relayFromThread(deps, 'C0ESC', '9.999', 'UFIN', 'unrelated thread')).toBe('not_escalation');
  });

  it('posts the daily digest once per working day at the digest time, and warns admins while holiday data is missing', async () => {
    const { deps, clock, notifier } = await setup({ now: new Date('2026-11-30T09:00:00+08:00') });
    await file(deps, alice, KEY);
    notifier.sent.length = 0;
    const schedule = createMemoryScheduleStore();
    // Keep the weekly check out of this test: its slot has been done already.
    await schedule.markRun('weekly-check', '2026-12-31');
    const watches = createMemoryWatchStore();
    await watches.add({ userId: 'UALICE', invoiceKey: 'D26112000000000100009', createdAt: '2026-11-10T00:00:00Z' });
    await watches.add({ userId: 'UBOB', invoiceKey: 'D26112000000000100008', createdAt: '2026-11-29T00:00:00Z' });
    const backups: string[] = [];
    const jobs = {
      ...deps,
      schedule,
      sessions: createMemoryChecklistStore(),
      backupFailed: (reason: string) => ({ text: `backup failed: ${reason}` }),
      watches,
      backup: async () => {
        backups.push('daily');
        return 'backups/daily';
      },
      watchExpired: async (userId: string, key: string, days: number) => ({ text: `${userId} ${key} ${days}` }),
    };
    expect(await runDailyJobs(jobs)).toBe(0);
    clock.set(new Date('2026-11-30T09:31:00+08:00'));
    // Digest, daily backup, and the 20-day-old watch ends with a final DM; the recent one stays.
    expect(await runDailyJobs(jobs)).toBe(3);
    expect(notifier.sent).toEqual([
      expect.objectContaining({
        kind: 'post',
        to: 'C0ESC',
        text: expect.stringContaining('📋 Daily digest: 1 open escalation(s)'),
      }),
      expect.objectContaining({ kind: 'direct', to: 'UALICE', text: 'UALICE D26112000000000100009 14' }),
    ]);
    expect(backups).toEqual(['daily']);
    expect((await watches.list()).map((w) => w.userId)).toEqual(['UBOB']);
    expect(await runDailyJobs(jobs)).toBe(0);
    // December: next year's holidays are not in the data yet, so admins hear about it (once that day).
    notifier.sent.length = 0;
    clock.set(new Date('2026-12-01T10:00:00+08:00'));
    // Digest, backup, and two warnings: the holiday data and the official filing deadlines for 2027.
    expect(await runDailyJobs(jobs)).toBe(4);
    expect(notifier.sent.slice(-2)).toMatchObject([
      { kind: 'direct', to: 'UADM', text: expect.stringContaining('holiday data for 2027 is missing') },
      {
        kind: 'direct',
        to: 'UADM',
        text: expect.stringContaining('official VAT filing deadlines for 2027 are not in the bot yet'),
      },
    ]);
    expect(await runDailyJobs(jobs)).toBe(0);
    // Saturday 2026-12-05 is not a working day: no digest.
    clock.set(new Date('2026-12-05T10:00:00+08:00'));
    expect(await runDailyJobs(jobs)).toBe(0);
    // Once an admin adds the 2027 table, the filing-deadline warning stops; the holiday one goes on.
    const deadlines = Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}-18`);
    jobs.lookup = {
      ...jobs.lookup,
      filing: new Map([...(await loadFilingTable('/nonexistent-invoice-desk')), [2027, deadlines]]),
    };
    notifier.sent.length = 0;
    clock.set(new Date('2026-12-07T10:00:00+08:00'));
    await runDailyJobs(jobs);
    expect(notifier.sent.some((m) => m.text.includes('holiday data for 2027 is missing'))).toBe(true);
    expect(notifier.sent.some((m) => m.text.includes('official VAT filing deadlines'))).toBe(false);
  });

  it('ends an expired watch with one DM across replicas: a run that finds it already removed says nothing', async () => {
    const { deps, notifier } = await setup({ now: new Date('2026-11-30T09:31:00+08:00') });
    const watch = { userId: 'UALICE', invoiceKey: 'D26112000000000100009', createdAt: '2026-11-10T00:00:00Z' };
    const shared = createMemoryWatchStore();
    await shared.add(watch);
    const jobs = await weeklyJobs(deps, '2026-12-31');
    // Another replica expires the watch between this run's list and its remove.
    const raced = {
      ...shared,
      list: async () => [...(await shared.list()), ...((await shared.remove(watch)) ? [watch] : [])],
    };
    notifier.sent.length = 0;
    await runDailyJobs({ ...jobs, watches: raced });
    expect(notifier.sent.filter((m) => m.to === 'UALICE')).toEqual([]);
    expect(await shared.list()).toEqual([]);
  });

  // The daily jobs with the weekly check last run in the week of `lastWeekly`.
  async function weeklyJobs(deps: Awaited<ReturnType<typeof setup>>['deps'], lastWeekly: string) {
    const schedule = createMemoryScheduleStore();
    await schedule.markRun('weekly-check', lastWeekly);
    return {
      ...deps,
      schedule,
      watches: createMemoryWatchStore(),
      sessions: createMemoryChecklistStore(),
      backupFailed: (reason: string) => ({ text: `backup failed: ${reason}` }),
      backup: async () => 'b',
      watchExpired: async () => ({ text: '' }),
    };
  }

  it('marks the daily backup done only when it worked: a failure is retried each tick and told to admins once', async () => {
    const { deps, clock, notifier } = await setup({ now: new Date('2026-11-30T09:31:00+08:00') });
    const schedule = createMemoryScheduleStore();
    await schedule.markRun('weekly-check', '2026-12-31');
    await schedule.markRun('digest', '2026-11-30');
    let diskFull = true;
    const backups: string[] = [];
    const jobs = {
      ...deps,
      schedule,
      watches: createMemoryWatchStore(),
      sessions: createMemoryChecklistStore(),
      backupFailed: (reason: string) => ({ text: `backup failed: ${reason}` }),
      backup: async () => {
        if (diskFull) throw new Error('ENOSPC: no space left on device');
        backups.push('daily');
        return 'backups/daily';
      },
      watchExpired: async () => ({ text: '' }),
    };
    await runDailyJobs(jobs);
    await runDailyJobs(jobs);
    expect(notifier.sent.filter((s) => s.text.startsWith('backup failed'))).toEqual([
      expect.objectContaining({ kind: 'direct', to: 'UADM', text: 'backup failed: ENOSPC: no space left on device' }),
    ]);
    expect(await schedule.lastRun('backup')).toBeUndefined();
    diskFull = false;
    clock.set(new Date('2026-11-30T09:32:00+08:00'));
    await runDailyJobs(jobs);
    await runDailyJobs(jobs);
    expect(backups).toEqual(['daily']);
    expect(await schedule.lastRun('backup')).toBe('2026-11-30');
  });

  it('makes the daily backup on one replica only when several share the schedule; a failed one is retried by any', async () => {
    const { deps, clock } = await setup({ now: new Date('2026-11-30T09:31:00+08:00') });
    const shared = createMemoryScheduleStore({ clock });
    await shared.markRun('weekly-check', '2026-12-31');
    const schedule = overTheNetwork(shared);
    const backups: string[] = [];
    let diskFull = true;
    const replica = (name: string) => ({
      ...jobsOf(deps, schedule),
      backup: async () => {
        await roundTrip(async () => undefined);
        if (name === 'one' && diskFull) throw new Error('ENOSPC: no space left on device');
        backups.push(name);
        return `backups/${name}`;
      },
    });
    // Replica one's disk is full: its backup fails, and the day's backup is still owed to any replica.
    await runDailyJobs(replica('one'));
    expect(backups).toEqual([]);
    diskFull = false;
    clock.set(new Date('2026-11-30T09:32:00+08:00'));
    await Promise.all([runDailyJobs(replica('one')), runDailyJobs(replica('two')), runDailyJobs(replica('three'))]);
    await Promise.all([runDailyJobs(replica('one')), runDailyJobs(replica('two'))]);
    expect(backups).toHaveLength(1);
    expect(await shared.lastRun('backup')).toBe('2026-11-30');
    // The next working day, one again.
    clock.set(new Date('2026-12-01T09:31:00+08:00'));
    await Promise.all([runDailyJobs(replica('one')), runDailyJobs(replica('two'))]);
    expect(backups).toHaveLength(2);
  });

  it('drops walk-throughs finished or left idle longer than walkthroughKeepDays, once a day', async () => {
    const { deps } = await setup({ now: new Date('2026-11-30T09:31:00+08:00') });
    const sessions = createMemoryChecklistStore();
    const session = (id: string, updatedAt: string, status: 'active' | 'solved') => ({
      id,
      userId: 'UALICE',
      invoiceKey: KEY,
      language: 'en',
      order: [],
      position: 0,
      answers: {},
      outcomes: [],
      transcript: [],
      status,
      startedAt: updatedAt,
      updatedAt,
    });
    await sessions.put(session('CHK-old-solved', '2026-08-01T00:00:00Z', 'solved'));
    await sessions.put(session('CHK-old-idle', '2026-08-01T00:00:00Z', 'active'));
    await sessions.put(session('CHK-recent', '2026-11-01T00:00:00Z', 'solved'));
    const schedule = createMemoryScheduleStore();
    await schedule.markRun('weekly-check', '2026-12-31');
    const jobs = {
      ...deps,
      lookup: { ...deps.lookup, settings: { ...deps.lookup.settings, walkthroughKeepDays: 60 } },
      schedule,
      watches: createMemoryWatchStore(),
      sessions,
      backupFailed: () => ({ text: '' }),
      backup: async () => 'b',
      watchExpired: async () => ({ text: '' }),
    };
    await runDailyJobs(jobs);
    expect((await sessions.all()).map((s) => s.id)).toEqual(['CHK-recent']);
  });

  it('counts an escalation as past its SLA from the due moment itself, as its badge and breach reminder do', async () => {
    const { deps, clock, notifier } = await setup({ now: new Date('2026-11-30T09:00:00+08:00') });
    const { escalation } = await file(deps, alice, KEY);
    // Due exactly when the next weekly check (Monday 09:30) runs.
    const slot = new Date('2026-12-07T09:30:00+08:00');
    await deps.escalations.put({ ...escalation, resolutionDue: slot.toISOString() });
    const jobs = await weeklyJobs(deps, '2026-11-30');
    notifier.sent.length = 0;
    clock.set(slot);
    await runDailyJobs(jobs);
    expect(notifier.sent.find((m) => m.text.startsWith('🗓'))?.text).toContain('1 escalation(s) past an SLA target');
    expect(await runSlaReminders(deps)).toBeGreaterThan(0);
    expect(notifier.sent.some((m) => m.text.includes('🚨'))).toBe(true);
  });

  it('the weekly check lists the current period’s received invoices not selected for deduction, or locked', async () => {
    const { deps, clock, notifier } = await setup({ now: new Date('2026-11-30T09:00:00+08:00') });
    const jobs = await weeklyJobs(
      { ...deps, lookup: { ...deps.lookup, deductions: await demoDeductions() } },
      '2026-11-30',
    );
    clock.set(new Date('2026-12-07T09:30:00+08:00'));
    await runDailyJobs(jobs);
    const check = notifier.sent.find((m) => m.text.startsWith('🗓'))?.text;
    expect(check).toContain(
      '🧾 2 received invoice(s) of the November 2026 period are not selected for deduction yet (due 2026-12-15, 7 working days left):',
    );
    expect(check).toContain('• 26112000000000100020 — not selected (未勾选) — @{UDEMOEMP}');
    // Our Shanghai branch bought 26312000000000100015: its own finance selects it, so ours is not asked to.
    expect(check).not.toContain('26312000000000100015');
    expect(check).toContain('• 26112000000000100004 — locked by a pending red-letter form (红字锁定)');
    expect(check).not.toContain('26112000000000100011');
  });

  it('reminds finance and each requester of the period’s missing invoices before the deadline, once per deadline', async () => {
    const { deps, clock, notifier } = await setup({ now: new Date('2026-12-11T09:00:00+08:00') });
    const { escalation } = await file(deps, alice, KEY);
    // A November invoice we received, in our ledger (Bob handed it in) and still not in the tax data.
    const imported = await importRecords(
      { store: deps.lookup.store, clock, zone: 'Asia/Shanghai' },
      { source: 'ledger', file: 'received.csv', rows: rowsOf([LEDGER_HEADER, RECEIVED_MISSING]) },
    );
    expect(imported.ok).toBe(true);
    const schedule = createMemoryScheduleStore();
    await schedule.markRun('weekly-check', '2026-12-31');
    // Keep the other daily jobs out of this test: they have run already on each day it looks at.
    const othersDone = async (day: string) => {
      for (const job of ['digest', 'backup', 'calendar-warning', 'filing-calendar-warning'])
        await schedule.markRun(job, day);
    };
    const jobs = jobsOf(deps, schedule);
    // Wednesday 9 December: 5 working days left, more than the 3 of the setting.
    clock.set(new Date('2026-12-09T10:00:00+08:00'));
    await othersDone('2026-12-09');
    notifier.sent.length = 0;
    expect(await runDailyJobs(jobs)).toBe(0);
    // Friday 11 December: 11, 14 and 15 December are left.
    clock.set(new Date('2026-12-11T10:00:00+08:00'));
    await othersDone('2026-12-11');
    expect(await runDailyJobs(jobs)).toBe(3);
    const [toFinance, toRequester] = notifier.sent;
    expect(toFinance).toMatchObject({ kind: 'post', to: 'C0ESC' });
    expect(toFinance?.text).toContain(
      '⏰ The November 2026 return is due 2026-12-15 (3 working days left): 2 invoice(s) of the period are still missing from the tax data.',
    );
    expect(toFinance?.text).toContain(
      `• 26112000000000100010 — issued by us (we are the seller) — @{UDEMOEMP} — ${escalation.id}`,
    );
    expect(toFinance?.text).toContain('• 26312000000000100021 — received by us (we are the buyer) — @{UBOB}');
    // Issued on a day the tax data does not cover yet: not missing yet, by the card's rule.
    expect(toFinance?.text).not.toContain('26112000000000100009');
    expect(toRequester).toMatchObject({ kind: 'direct', to: 'UDEMOEMP' });
    expect(toRequester?.text).toContain('your invoice(s) 26112000000000100010 are still missing');
    // Bob reads Chinese: his DM names his received invoice.
    expect(notifier.sent.find((m) => m.to === 'UBOB')?.text).toBe(
      '⏰ 2026年11月的申报截止 2026-12-15（还剩 3 个工作日），你的发票 26312000000000100021 仍不在税务数据中。用 `/invoice <号码>` 查询原因，或上报财务。',
    );
    // Once per deadline: not again the same day, nor on the next working day (also after a restart: the mark is stored).
    expect(await runDailyJobs(jobs)).toBe(0);
    clock.set(new Date('2026-12-14T10:00:00+08:00'));
    await othersDone('2026-12-14');
    expect(await runDailyJobs(jobs)).toBe(0);
    expect(await schedule.lastRun('filing-reminder')).toBe('2026-12-15');
  });

  it('posts the weekly check once per slot, catching up once after downtime', async () => {
    const { deps, clock, notifier } = await setup({ now: new Date('2026-11-30T09:00:00+08:00') });
    await file(deps, alice, KEY);
    notifier.sent.length = 0;
    const jobs = await weeklyJobs(deps, '2026-11-23');
    expect(await runDailyJobs(jobs)).toBe(0);
    clock.set(new Date('2026-11-30T09:30:00+08:00'));
    await runDailyJobs(jobs);
    const weekly = notifier.sent.find((m) => m.text.startsWith('🗓'))?.text ?? '';
    expect(weekly).toContain('🗓 Weekly check:');
    expect(weekly).toContain('26112000000000100010 — @{UDEMOEMP}');
    // Its issue day is not in the tax data yet: the card does not call it missing, and neither does the check.
    expect(weekly).not.toContain('26112000000000100009');
    await runDailyJobs(jobs);
    expect(notifier.sent.filter((m) => m.text.startsWith('🗓'))).toHaveLength(1);
    // Down for the whole of the next Monday: the check runs once on Tuesday, late.
    clock.set(new Date('2026-12-08T11:00:00+08:00'));
    await runDailyJobs(jobs);
    await runDailyJobs(jobs);
    const checks = notifier.sent.filter((m) => m.text.startsWith('🗓'));
    expect(checks).toHaveLength(2);
    expect(checks[1]?.text).toContain('1 escalation(s) past an SLA target');
  });

  it('after a restart sends the missed breach once, not once per missed interval', async () => {
    const dir = await tempDir();
    const first = await setup({ escalations: await createLowdbEscalationStore(dir) });
    await file(first.deps, alice, KEY);
    const second = await setup({
      escalations: await createLowdbEscalationStore(dir),
      now: new Date('2026-12-03T10:00:00+08:00'),
    });
    expect(await runSlaReminders(second.deps)).toBe(2);
    expect(second.notifier.sent.filter((s) => s.kind === 'post').map((s) => s.text.slice(0, 40))).toEqual([
      '🚨 ESC-20261127-001: the first response ',
      '🚨 ESC-20261127-001: the resolution targ',
    ]);
    const third = await setup({
      escalations: await createLowdbEscalationStore(dir),
      now: new Date('2026-12-03T10:30:00+08:00'),
    });
    expect(await runSlaReminders(third.deps)).toBe(0);
  });

  it('refuses an urgent escalation without a note, storing and posting nothing', async () => {
    const { deps, notifier } = await setup();
    expect(await fileEscalation(deps, alice, { invoiceKey: KEY, urgency: 'urgent', note: '  ', checks: [] })).toEqual({
      ok: false,
      error: { code: 'urgent_needs_note' },
    });
    expect(await deps.escalations.all()).toEqual([]);
    expect(notifier.sent).toEqual([]);
  });

  it('adds a repeat request to the open escalation: the note in its thread, urgency raised with the SLA brought forward', async () => {
    const { deps, notifier } = await setup();
    const first = await file(deps, alice, KEY);
    notifier.sent.length = 0;
    const again = await file(deps, alice, KEY, 'urgent', 'the filing deadline is Monday');
    expect(again).toMatchObject({ outcome: 'repeated', raised: true });
    expect(again.escalation).toMatchObject({
      id: first.escalation.id,
      urgency: 'urgent',
      // Friday 15:00 + 1 business hour, and + 9 business hours (Monday 15:00).
      firstResponseDue: '2026-11-27T08:00:00.000Z',
      resolutionDue: '2026-11-30T07:00:00.000Z',
    });
    expect(await deps.escalations.all()).toHaveLength(1);
    expect(notifier.sent.filter((s) => s.kind === 'post' && s.threadTs === '1.000').map((s) => s.text)).toEqual([
      '@{UALICE} asked again: the filing deadline is Monday',
      '@{UALICE} marked this urgent: the SLA is recomputed, resolution now due by 2026-11-30 15:00.',
    ]);
    expect(notifier.sent.filter((s) => s.kind === 'update').at(-1)?.text).toContain('⚡ Urgent');
    // Asking again with nothing new changes nothing and posts nothing.
    notifier.sent.length = 0;
    expect(await file(deps, alice, KEY)).toMatchObject({ outcome: 'repeated', raised: false });
    expect(notifier.sent).toEqual([]);
    // A follower's note reaches the thread as well, the first time and later.
    await file(deps, bob, KEY, 'normal', 'I need it too');
    await file(deps, bob, KEY, 'normal', 'the customer called again');
    expect(notifier.sent.filter((s) => s.threadTs).map((s) => s.text)).toEqual([
      '@{UBOB} asked about the same invoice and now follows this escalation. Note: I need it too',
      '@{UBOB} asked again: the customer called again',
    ]);
  });

  it('sends the requester the lead’s question word for word, framed in their language', async () => {
    const { deps, notifier } = await setup();
    await file(deps, bob, KEY);
    notifier.sent.length = 0;
    await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'waiting', question: 'Which <buyer> & tax id?' });
    expect(notifier.sent.find((s) => s.to === 'UBOB')?.text).toBe(
      '财务需要您为 ESC-20261127-001 补充信息：\n“Which <buyer> & tax id?”\n请在此对话中回复，我会转告财务。',
    );
    expect(notifier.sent.find((s) => s.threadTs)?.text).toBe(
      '@{UFIN} is waiting on the requester: “Which <buyer> & tax id?”',
    );
  });

  it('without an escalation channel, reminds in each lead’s DM thread and relays replies there like channel ones', async () => {
    const { deps, clock, notifier } = await setup({ channel: '' });
    await file(deps, alice, KEY);
    notifier.sent.length = 0;
    clock.set(new Date('2026-11-30T09:10:00+08:00'));
    expect(await runSlaReminders(deps)).toBe(1);
    expect(notifier.sent.map((s) => [s.kind, s.to, s.threadTs])).toEqual([
      ['post', 'DUFIN', '1.000'],
      ['post', 'DUFIN2', '2.000'],
    ]);
    notifier.sent.length = 0;
    expect(await relayFromThread(deps, 'DUFIN2', '2.000', 'UFIN2', 'Checking with the tax bureau')).toBe('relayed');
    expect(notifier.sent.map((s) => [s.kind, s.to, s.threadTs, s.text])).toEqual([
      ['direct', 'UALICE', undefined, 'ESC-20261127-001 — @{UFIN2}, finance: Checking with the tax bureau'],
      ['post', 'DUFIN', '1.000', '@{UFIN2}: Checking with the tax bureau'],
    ]);
  });
});

describe('SLA badges, the digest and the weekly check', () => {
  it('counts a missed first response as overdue in the digest and the weekly check, with badges', async () => {
    // Filed urgent on Monday 09:00: first response due 10:00, resolution 18:00.
    const { deps, clock, notifier } = await setup({ now: new Date('2026-11-30T09:00:00+08:00') });
    await file(deps, alice, KEY, 'urgent', 'deadline');
    await file(deps, bob, 'D26112000000000100009');
    const schedule = createMemoryScheduleStore();
    await schedule.markRun('weekly-check', '2026-11-23');
    notifier.sent.length = 0;
    clock.set(new Date('2026-11-30T10:30:00+08:00'));
    await runDailyJobs(jobsOf(deps, schedule));
    const weekly = notifier.sent.find((m) => m.text.startsWith('🗓'))?.text ?? '';
    expect(weekly).toContain('1 escalation(s) past an SLA target');
    expect(weekly).toContain(
      '• 🔴 ESC-20261130-001 · 26112000000000100010 · Open · ⚡ Urgent · 2026-11-30 18:00 · first response was due 2026-11-30 10:00',
    );
    const digest = notifier.sent.find((m) => m.text.startsWith('📋'))?.text ?? '';
    expect(digest).toContain('2 open escalation(s), oldest first — 1 overdue, 0 due within the hour');
    expect(digest).toContain('• 🔴 ESC-20261130-001 · 26112000000000100010 · Open · ⚡ Urgent');
    expect(digest).toContain('• 🟢 ESC-20261130-002 · 26112000000000100009 · Open · Normal');
    expect(digest).toContain('🟢 on track · 🟠 due within the hour · 🔴 overdue · ⚡ urgent');
  });

  it('posts the weekly check, the digest and the filing reminder once when two replicas run the jobs at once', async () => {
    // Friday 2026-12-11 10:00: the weekly slot of Monday is owed, the digest is due, and the November return's
    // deadline (15 December) is 3 working days away.
    const { deps, notifier } = await setup({ now: new Date('2026-12-11T10:00:00+08:00') });
    await file(deps, alice, KEY);
    const shared = createMemoryScheduleStore();
    await shared.markRun('weekly-check', '2026-11-30');
    // A job that read its last run and then marked it would run on both replicas; a claim is one step.
    const schedule = overTheNetwork(shared);
    notifier.sent.length = 0;
    // Each replica has its own jobs object over the shared schedule.
    await Promise.all([runDailyJobs(jobsOf(deps, schedule)), runDailyJobs(jobsOf(deps, schedule))]);
    const sent = (prefix: string) => notifier.sent.filter((m) => m.text.startsWith(prefix));
    expect(sent('🗓 Weekly')).toHaveLength(1);
    expect(sent('📋')).toHaveLength(1);
    expect(sent('⏰').map((m) => m.to)).toEqual(['C0ESC', 'UDEMOEMP']);
    expect(await schedule.lastRun('filing-reminder')).toBe('2026-12-15');
  });

  it('does not post a catch-up for slots before a fresh installation existed', async () => {
    const { deps, clock, notifier } = await setup({ now: new Date('2026-11-27T15:00:00+08:00') });
    const jobs = jobsOf(deps);
    await runDailyJobs(jobs);
    expect(notifier.sent.filter((m) => m.text.startsWith('🗓'))).toEqual([]);
    clock.set(new Date('2026-11-30T09:29:00+08:00'));
    await runDailyJobs(jobs);
    expect(notifier.sent.filter((m) => m.text.startsWith('🗓'))).toEqual([]);
    clock.set(new Date('2026-11-30T09:30:00+08:00'));
    await runDailyJobs(jobs);
    expect(notifier.sent.filter((m) => m.text.startsWith('🗓'))).toHaveLength(1);
  });
});

describe('a replica that dies mid-job', () => {
  // The schedule store's default lease: until it expires, the dead replica's slot is nobody else's.
  const LEASE_MS = 5 * 60_000;
  it('leaves the rest of the digest to the other replica once its lease expires, each lead DMed once', async () => {
    const { deps, clock, notifier } = await setup({ channel: '', now: new Date('2026-11-30T09:00:00+08:00') });
    await file(deps, alice, KEY);
    await deps.schedule.markRun('weekly-check', '2026-11-30');
    notifier.sent.length = 0;
    clock.set(new Date('2026-11-30T09:31:00+08:00'));
    // Replica A DMs the first lead, then dies while DMing the second: its tick never finishes.
    const dying = createDyingNotifier(notifier, 1);
    void runDailyJobs(jobsOf({ ...deps, notifier: dying }));
    await dying.died;
    const digests = () => notifier.sent.filter((m) => m.text.startsWith('📋')).map((m) => m.to);
    expect(digests()).toEqual(['UFIN']);
    // Replica B ticks while A's lease holds: the digest is A's.
    await runDailyJobs(jobsOf(deps));
    expect(digests()).toEqual(['UFIN']);
    clock.advance(LEASE_MS + 1000);
    await runDailyJobs(jobsOf(deps));
    expect(digests()).toEqual(['UFIN', 'UFIN2']);
    await runDailyJobs(jobsOf(deps));
    expect(digests()).toEqual(['UFIN', 'UFIN2']);
    expect(await deps.schedule.lastRun('digest')).toBe('2026-11-30');
  });

  it('leaves an SLA breach it had half sent to the other replica, which sends the rest once and marks it', async () => {
    const { deps, clock, notifier } = await setup();
    await file(deps, alice, KEY);
    notifier.sent.length = 0;
    clock.set(new Date('2026-11-30T10:05:00+08:00'));
    // A posts the breach in the escalation's thread and dies while DMing the admin.
    const dying = createDyingNotifier(notifier, 1);
    void runSlaReminders({ ...deps, notifier: dying });
    await dying.died;
    expect(await runSlaReminders(deps)).toBe(0);
    expect((await deps.escalations.get('ESC-20261127-001'))?.reminded).toEqual([]);
    clock.advance(LEASE_MS + 1000);
    expect(await runSlaReminders(deps)).toBe(1);
    expect(await runSlaReminders(deps)).toBe(0);
    expect(notifier.sent.filter((s) => s.text.includes('🚨')).map((s) => [s.kind, s.to])).toEqual([
      ['post', 'C0ESC'],
      ['direct', 'UADM'],
    ]);
    expect((await deps.escalations.get('ESC-20261127-001'))?.reminded).toEqual(['breach:first:0']);
  });

  it('retries a job that failed after a partial run on the next tick, sending only what was not sent', async () => {
    const { deps, clock, notifier } = await setup({ channel: '', now: new Date('2026-11-30T09:31:00+08:00') });
    await file(deps, alice, KEY);
    await deps.schedule.markRun('weekly-check', '2026-11-30');
    notifier.sent.length = 0;
    // Slack answers the first DM, then the connection breaks: the job throws, and its lease is released at once.
    let calls = 0;
    const flaky = {
      ...notifier,
      direct: async (userId: string, message: { text: string }) => {
        calls += 1;
        if (calls === 2) throw new Error('socket hang up');
        return notifier.direct(userId, message);
      },
    };
    await expect(runDailyJobs(jobsOf({ ...deps, notifier: flaky }))).rejects.toThrow('socket hang up');
    clock.advance(30_000);
    await runDailyJobs(jobsOf({ ...deps, notifier: flaky }));
    expect(notifier.sent.filter((m) => m.text.startsWith('📋')).map((m) => m.to)).toEqual(['UFIN', 'UFIN2']);
  });
});

describe('reopening an escalation', () => {
  it('is refused while a newer escalation about the invoice is open, saying which, and changes nothing', async () => {
    const { deps } = await setup();
    await file(deps, alice, KEY);
    await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'resolve', note: 'synced', cause: 'sync' });
    await file(deps, bob, KEY);
    const reopened = await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'reopen' });
    expect(reopened).toEqual({
      ok: false,
      error: { code: 'already_open', id: 'ESC-20261127-001', open: 'ESC-20261127-002' },
    });
    expect((await deps.escalations.get('ESC-20261127-001'))?.status).toBe('resolved');
    // Marked a duplicate of the old one, the new one steps aside and the old one can be reopened.
    await actOnEscalation(deps, lead, 'ESC-20261127-002', { kind: 'duplicate', of: 'ESC-20261127-001' });
    expect(await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'reopen' })).toMatchObject({
      ok: true,
      value: { status: 'open', followers: ['UBOB'] },
    });
  });

  it('is refused when an escalation is filed about the invoice between the check and the reopen', async () => {
    const { deps } = await setup();
    await file(deps, alice, KEY);
    await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'resolve', note: 'synced', cause: 'sync' });
    // The store sees the new filing land just before the reopen is written.
    const store = deps.escalations;
    deps.escalations = {
      ...store,
      update: async (id, change) => {
        if (!(await store.openFor(KEY))) await file({ ...deps, escalations: store }, bob, KEY);
        return store.update(id, change);
      },
    };
    const reopened = await actOnEscalation(deps, lead, 'ESC-20261127-001', { kind: 'reopen' });
    expect(reopened).toMatchObject({ ok: false, error: { code: 'already_open', open: 'ESC-20261127-002' } });
    expect((await store.get('ESC-20261127-001'))?.status).toBe('resolved');
  });
});

describePostgres('escalations filed on two replicas sharing one database', () => {
  const replicas = usePostgresReplicas(['escalations']);

  it('makes one escalation when people file one invoice at once, each other filer truthfully told they follow it', async () => {
    const { a, b } = await replicas();
    const one = await setup({ escalations: createPgEscalationStore(a) });
    const two = await setup({ escalations: createPgEscalationStore(b) });
    const people = ['UALICE', 'UBOB', 'UCAROL', 'UDAN', 'UEVE', 'UFAY'].map((userId) => ({
      userId,
      role: 'employee' as const,
    }));
    const results = await Promise.all(people.map((p, i) => file((i % 2 ? two : one).deps, p, KEY)));
    expect(results.filter((r) => r.outcome === 'filed')).toHaveLength(1);
    const stored = await one.deps.escalations.all();
    expect(stored.map((e) => e.id)).toEqual(['ESC-20261127-001']);
    const [esc] = stored;
    expect(new Set([esc?.requester, ...(esc?.followers ?? [])])).toEqual(new Set(people.map((p) => p.userId)));
    for (const [i, result] of results.entries()) {
      expect(result.escalation.id).toBe('ESC-20261127-001');
      if (result.outcome === 'followed') expect(result.escalation.followers).toContain(people[i]?.userId);
    }
    // One post for finance, whichever replica filed it.
    const posts = [...one.notifier.sent, ...two.notifier.sent].filter((m) => m.kind === 'post' && !m.threadTs);
    expect(posts).toHaveLength(1);
  });

  it('lets one of two leads clicking Claim at once on two replicas win, and tells the other who has it', async () => {
    const { a, b } = await replicas();
    const one = await setup({ escalations: createPgEscalationStore(a) });
    const two = await setup({ escalations: createPgEscalationStore(b) });
    await file(one.deps, alice, KEY);
    const leads = Array.from({ length: 12 }, (_, i) => ['UFIN', 'UFIN2', 'UADM'][i % 3] as string).map((userId, i) => ({
      userId,
      role: userId === 'UADM' ? ('admin' as const) : ('finance' as const),
      i,
    }));
    const results = await Promise.all(
      leads.map((lead) => actOnEscalation((lead.i % 2 ? two : one).deps, lead, 'ESC-20261127-001', { kind: 'claim' })),
    );
    const won = results.flatMap((r) => (r.ok ? [r.value] : []));
    expect(won).toHaveLength(1);
    const winner = won[0]?.assignee;
    for (const r of results)
      if (!r.ok)
        expect(r.error).toEqual({ code: 'invalid_transition', from: 'claimed', action: 'claim', assignee: winner });
    const stored = await two.deps.escalations.get('ESC-20261127-001');
    expect(stored?.assignee).toBe(winner);
    expect(stored?.events.filter((e) => e.action === 'claim')).toHaveLength(1);
  });

  it('turns an escalation urgent near its deadline once when both replicas run the SLA job at once', async () => {
    const { a, b } = await replicas();
    // The replicas share the database's schedule too: the raise's note is leased there.
    const now = new Date('2026-12-09T10:00:00+08:00');
    const schedule = createMemoryScheduleStore();
    const one = await setup({ escalations: createPgEscalationStore(a), now, schedule });
    const two = await setup({ escalations: createPgEscalationStore(b), now, schedule });
    const { escalation } = await file(one.deps, alice, KEY);
    for (const r of [one, two]) r.clock.set(new Date('2026-12-11T09:00:00+08:00'));
    await Promise.all([runSlaReminders(one.deps), runSlaReminders(two.deps), runSlaReminders(one.deps)]);
    const notes = [...one.notifier.sent, ...two.notifier.sent].filter((m) => m.text.includes('urgent now'));
    expect(notes).toHaveLength(1);
    const stored = await two.deps.escalations.get(escalation.id);
    expect(stored?.events.filter((e) => e.action === 'deadline_urgent')).toHaveLength(1);
  });

  it('numbers escalations about different invoices filed at once on two replicas apart', async () => {
    const { a, b } = await replicas();
    const one = await setup({ escalations: createPgEscalationStore(a) });
    const two = await setup({ escalations: createPgEscalationStore(b) });
    const keys = Array.from({ length: 8 }, (_, i) => `D2611200000000010002${i}`);
    const results = await Promise.all(keys.map((key, i) => file((i % 2 ? two : one).deps, alice, key)));
    expect(results.map((r) => r.outcome)).toEqual(keys.map(() => 'filed'));
    expect(new Set(results.map((r) => r.escalation.id))).toEqual(
      new Set(keys.map((_, i) => `ESC-20261127-00${i + 1}`)),
    );
  });
});
