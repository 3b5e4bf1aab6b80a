import { describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../src/demo.js';
import type { Actor } from '../../src/domain/actor.js';
import type { Reply } from '../../src/flows/reply.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { choicesOf, demoCore, demoPorts, textOf } from '../helpers/demo-conversation.js';

const alice: Actor = { userId: 'UALICE', role: 'employee' };
const lead: Actor = { userId: 'UFIN', role: 'finance' };
const all = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') };

const feedbackOf = (replies: Reply[]) =>
  replies.flatMap((r) => (r.kind === 'feedback' ? [r] : [])).map((r) => [r.helpful.id, r.unhelpful.id]);

async function setup() {
  const ports = await demoPorts();
  const core = await demoCore(ports);
  const say = (actor: Actor, text: string, surface: 'command' | 'dm' | 'mention' = 'dm') =>
    core.conversation.receive(actor, { kind: 'text', text }, surface);
  const click = (actor: Actor, choiceId: string) =>
    core.conversation.receive(actor, { kind: 'choice', choiceId }, 'dm');
  return { ports, core, say, click };
}

describe('"Did this solve it?"', () => {
  it('follows each answered invoice, records the question with its cause, and asks only once', async () => {
    const { ports, say, click } = await setup();
    const answer = await say(alice, 'where is 26112000000000100008 and 26112000000000100009?');
    expect(feedbackOf(answer)).toEqual([
      ['fb:D26112000000000100008:up', 'fb:D26112000000000100008:down'],
      ['fb:D26112000000000100009:up', 'fb:D26112000000000100009:down'],
    ]);
    expect(textOf(await click(alice, 'fb:D26112000000000100008:up'))).toContain('glad it is sorted');
    expect(textOf(await click(alice, 'fb:D26112000000000100008:down'))).toContain('You already told me');
    // Never asked again about that invoice; still asked about the other.
    expect(feedbackOf(await say(alice, '26112000000000100008'))).toEqual([]);
    expect(feedbackOf(await say(alice, '26112000000000100009'))).toHaveLength(1);
    const events = await ports.questions.between(all.from, all.to);
    expect(events.filter((e) => e.type === 'asked').map((e) => [e.invoice, e.type === 'asked' && e.cause])).toEqual([
      ['D26112000000000100008', 'sync_window'],
      ['D26112000000000100009', 'not_synced_yet'],
      ['D26112000000000100008', 'sync_window'],
      ['D26112000000000100009', 'not_synced_yet'],
    ]);
    expect(events.filter((e) => e.type === 'feedback')).toEqual([
      expect.objectContaining({
        user: 'UALICE',
        invoice: 'D26112000000000100008',
        helpful: true,
        cause: 'sync_window',
      }),
    ]);
  });

  it('offers the walk-through and the escalation form after 👎', async () => {
    const { say, click } = await setup();
    await say(alice, '26112000000000100010');
    const sorry = await click(alice, 'fb:D26112000000000100010:down');
    expect(textOf(sorry)).toContain('Sorry it did not');
    expect(choicesOf(sorry).map((c) => c.id)).toEqual([
      'troubleshoot:D26112000000000100010',
      'escalate:D26112000000000100010',
    ]);
    // Taking the walk-through it offers: its end does not ask a second time.
    let replies = await click(alice, 'troubleshoot:D26112000000000100010');
    for (let i = 0; i < 6; i++) {
      const next = choicesOf(replies).find((c) => c.id.endsWith(':next'));
      if (!next) break;
      replies = await click(alice, next.id);
    }
    expect(choicesOf(replies).some((c) => c.id.endsWith(':solved'))).toBe(true);
    expect(feedbackOf(replies)).toEqual([]);
  });

  it('is not asked in a shared thread, where anyone could answer for the asker', async () => {
    const { say } = await setup();
    expect(feedbackOf(await say(alice, 'where is 26112000000000100008?', 'mention'))).toEqual([]);
  });

  it('asks at the end of a walk-through about the step it found, and records how it ended', async () => {
    const { ports, say, click } = await setup();
    await say(alice, '26112000000000100008');
    const start = await click(alice, 'troubleshoot:D26112000000000100008');
    // Sync delay is likely: go past it to the end of the walk-through.
    let replies = start;
    for (let i = 0; i < 6; i++) {
      const next = choicesOf(replies).find((c) => c.id.endsWith(':next'));
      if (!next) break;
      replies = await click(alice, next.id);
    }
    expect(feedbackOf(replies)).toEqual([['fb:D26112000000000100008:up:sync', 'fb:D26112000000000100008:down:sync']]);
    const solved = choicesOf(replies).find((c) => c.id.endsWith(':solved'));
    await click(alice, solved?.id ?? '');
    const events = await ports.questions.between(all.from, all.to);
    expect(events.filter((e) => e.type === 'walkthrough')).toEqual([
      expect.objectContaining({ outcome: 'solved', step: 'sync', findings: ['sync'] }),
    ]);
    // Counted as solved at the sync step.
    const stats = textOf(await say(lead, 'stats this-week', 'command'));
    expect(stats).toContain('*Solved at:* sync 1');
  });
});

describe('/invoice stats', () => {
  it('is refused to an employee in their language, and the refusal is audited', async () => {
    const { ports, say } = await setup();
    expect(textOf(await say(alice, 'stats', 'command'))).toBe('The bot’s figures are for finance leads and admins.');
    expect(textOf(await say(alice, '统计 上周', 'command'))).toBe('机器人的统计数据仅供财务负责人和管理员查看。');
    expect(ports.audit.entries.filter((e) => e.action === 'refused' && e.detail === 'stats')).toHaveLength(2);
  });

  it('gives a lead the period’s figures, with the change and the charts', async () => {
    const { say, click } = await setup();
    await say(alice, '26112000000000100008');
    await click(alice, 'fb:D26112000000000100008:up');
    await say({ userId: 'UBOB', role: 'employee' }, '26112000000000100010');
    const replies = await say(lead, 'stats', 'command');
    const text = textOf(replies);
    expect(text).toContain('Bot figures, 2026-11-23 to 2026-11-29');
    expect(text).toContain('*Questions:* 2 (+2) — 2 lookup(s) by 2 person(s) about 2 invoice(s)');
    expect(text).toContain('*Confirmed solved:* 1 (50%)');
    expect(replies.filter((r) => r.kind === 'chart').map((r) => r.kind === 'chart' && r.chart.type)).toEqual([
      'line',
      'bar',
      'pie',
    ]);
    expect(text).toContain('*Diagnoses:* Overdue 1, Sync window 1');
    // None resolved this week: the line says so rather than going missing.
    expect(text).toContain('*Resolved as:* —');
    expect(textOf(await say(lead, 'stats 2026-11-30..2026-11-01', 'command'))).toContain(
      'The range “2026-11-30..2026-11-01” ends before it starts: put the earlier day first, e.g. “2026-11-01..2026-11-30”.',
    );
    expect(textOf(await say(lead, '统计 2026-11-30..2026-11-01', 'command'))).toContain(
      '日期范围「2026-11-30..2026-11-01」的结束早于开始',
    );
    expect(textOf(await say(lead, 'stats 2026-11-31..2026-12-01', 'command'))).toContain('I cannot read the period');
    expect(textOf(await say(lead, 'stats last-month', 'command'))).toContain('No questions in this period yet.');
  });

  it('names the causes finance resolved escalations with, most frequent first, in English and Chinese', async () => {
    const { say } = await setup();
    // Three escalations, resolved by cause number: 2 (sync delay) twice, 3 (entry error) once.
    for (const [n, cause] of [
      ['10', 2],
      ['09', 3],
      ['08', 2],
    ] as const) {
      const filed = textOf(await say(alice, `escalate 261120000000001000${n} please check`, 'command'));
      const id = /ESC-\d{8}-\d{3}/.exec(filed)?.[0];
      expect(textOf(await say(lead, `escalation resolve ${id} ${cause} done`, 'command'))).toContain('is now Resolved');
    }
    const english = textOf(await say(lead, 'stats', 'command'));
    expect(english).toContain('*Escalations:* 3 opened (+3), 3 resolved (+3)');
    expect(english).toContain('*Resolved as:* Sync delay 2, Entry error 1');
    await say(lead, 'lang zh', 'command');
    expect(textOf(await say(lead, '统计', 'command'))).toContain('*解决原因：* 同步延迟 2，录入错误 1');
  });
});

describe('the weekly status check and the daily count of missing invoices', () => {
  it('ends the weekly check with last week’s headline and its change, and counts what is missing each day', async () => {
    const clock = createManualClock(DEMO_NOW);
    const ports = await demoPorts({ clock });
    await ports.schedule.markRun('weekly-check', '2026-11-23');
    const core = await demoCore(ports);
    await core.conversation.receive(alice, { kind: 'text', text: '26112000000000100010' }, 'dm');
    clock.set(new Date('2026-11-30T09:45:00+08:00'));
    await core.tick();
    const weekly = ports.notifier.sent.find((m) => m.text.startsWith('🗓'))?.text ?? '';
    expect(weekly).toContain(
      '📊 Last week: questions 1 (+1), confirmed solved 0 (0%), escalations 0 (±0), first-response SLA —, resolution SLA —.',
    );
    const counts = (await ports.questions.between(all.from, all.to)).filter((e) => e.type === 'missing');
    expect(counts).toEqual([{ type: 'missing', at: '2026-11-30T01:45:00.000Z', count: expect.any(Number) }]);
    expect(counts[0]?.type === 'missing' && counts[0].count).toBeGreaterThan(0);
    await core.tick();
    expect((await ports.questions.between(all.from, all.to)).filter((e) => e.type === 'missing')).toHaveLength(1);
  });
});
