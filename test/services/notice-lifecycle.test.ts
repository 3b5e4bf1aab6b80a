import { describe, expect, it } from 'vitest';
import type { NoticeDraft } from '../../src/domain/notice.js';
import { createNoticeRenderer } from '../../src/flows/notice-renderer.js';
import { createManualClock } from '../../src/lib/clocks.js';
import type { NoticeStore } from '../../src/ports.js';
import { changeNotice, runDueEvents, scheduleNotice } from '../../src/services/notice-lifecycle.js';
import { createLowdbNoticeStore } from '../../src/store/lowdb-notice-store.js';
import { createMemoryNoticeStore, createMemoryScheduleStore } from '../../src/store/memory-state-stores.js';
import { createDyingNotifier } from '../helpers/dying-notifier.js';
import { createRecordingNotifier } from '../helpers/recording-notifier.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const admin = { userId: 'UADM', role: 'admin' as const };
const employee = { userId: 'UEMP', role: 'employee' as const };
const draft: NoticeDraft = {
  system: 'einvoice',
  functions: ['issuing', 'delivery'],
  startsAt: '2026-11-28T14:00:00Z',
  endsAt: '2026-11-28T22:00:00Z',
  message: { zh: '电子发票服务平台升级', en: 'E-invoice platform upgrade' },
  channels: ['C0A', 'C0B', 'C0C'],
  reminders: [1440, 60],
  alreadyStarted: false,
};

function setup(notices: NoticeStore = createMemoryNoticeStore(), failing: Record<string, string> = {}, latencyMs = 0) {
  const clock = createManualClock(new Date('2026-11-27T07:00:00Z'));
  const notifier = createRecordingNotifier(failing, { latencyMs });
  let n = 0;
  const deps = {
    notices,
    notifier,
    render: createNoticeRenderer('en', 'Asia/Shanghai'),
    clock,
    newId: () => `NTC-${++n}`,
    schedule: createMemoryScheduleStore({ clock }),
  };
  return { deps, clock, notifier, notices };
}

describe('notice lifecycle', () => {
  const tempDir = useTempDirs();

  it('refuses non-admins and changes nothing', async () => {
    const { deps, notifier, notices } = setup();
    expect(await scheduleNotice(deps, employee, draft)).toEqual({ ok: false, error: { code: 'not_allowed' } });
    expect(await notices.all()).toEqual([]);
    expect(notifier.sent).toEqual([]);
  });

  it('refuses an invalid draft with every problem and posts nothing', async () => {
    const { deps, notifier } = setup();
    const result = await scheduleNotice(deps, admin, { ...draft, endsAt: draft.startsAt, channels: [] });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid', problems: [{ code: 'end_before_start' }, { code: 'no_channel' }] },
    });
    expect(notifier.sent).toEqual([]);
  });

  it('posts to every channel, reports the one that fails, and keeps going', async () => {
    const { deps, notifier } = setup(createMemoryNoticeStore(), { C0B: 'not_in_channel' });
    const result = await scheduleNotice(deps, admin, draft);
    expect(result.ok && result.value.posts).toEqual([
      { channel: 'C0A', ts: '1.000' },
      { channel: 'C0B', error: 'not_in_channel' },
      { channel: 'C0C', ts: '2.000' },
    ]);
    expect(notifier.sent.map((s) => s.to)).toEqual(['C0A', 'C0C']);
    expect(notifier.sent[0]?.text).toContain('2026-11-28 22:00 – 2026-11-29 06:00');
    expect(notifier.sent[0]?.text).toContain('电子发票服务平台升级');
  });

  it('walks through reminders, start and completion, editing the original and replying in its thread', async () => {
    const { deps, clock, notifier, notices } = setup();
    await scheduleNotice(deps, { ...admin }, { ...draft, channels: ['C0A'] });
    notifier.sent.length = 0;
    clock.set(new Date('2026-11-27T14:00:00Z'));
    expect(await runDueEvents(deps)).toBe(1);
    expect(notifier.sent).toEqual([
      expect.objectContaining({ kind: 'update', to: 'C0A', ts: '1.000' }),
      expect.objectContaining({
        kind: 'post',
        to: 'C0A',
        threadTs: '1.000',
        text: '提醒：将在 24 小时后开始。\nReminder: this starts in 24 hour(s).',
      }),
    ]);
    expect(await runDueEvents(deps)).toBe(0);
    clock.set(new Date('2026-11-28T13:00:00Z'));
    await runDueEvents(deps);
    clock.set(new Date('2026-11-28T14:00:00Z'));
    await runDueEvents(deps);
    expect((await notices.get('NTC-1'))?.status).toBe('in_progress');
    clock.set(new Date('2026-11-28T22:00:00Z'));
    await runDueEvents(deps);
    expect((await notices.get('NTC-1'))?.status).toBe('completed');
    const replies = notifier.sent.filter((s) => s.threadTs).map((s) => s.text);
    expect(replies).toEqual([
      '提醒：将在 24 小时后开始。\nReminder: this starts in 24 hour(s).',
      '提醒：将在 1 小时后开始。\nReminder: this starts in 1 hour(s).',
      '维护现已开始。期间开具的发票可能会延迟显示。\nThis maintenance is now in progress. Invoices issued meanwhile may show up late.',
      '维护已结束。发票可能还需要一点时间才能显示。\nThis maintenance is over. Invoices may still take a little while to appear.',
    ]);
    expect(notifier.sent.filter((s) => s.kind === 'update').at(-1)?.text).toContain('Completed');
  });

  it('leaves a step a dying replica had half announced to the other one, which announces the rest once', async () => {
    const { deps, clock, notifier, notices } = setup();
    await scheduleNotice(deps, admin, { ...draft, channels: ['C0A', 'C0B'] });
    notifier.sent.length = 0;
    clock.set(new Date('2026-11-27T14:00:00Z'));
    // Replica A edits and replies in C0A, then dies editing C0B's announcement.
    const dying = createDyingNotifier(notifier, 2);
    void runDueEvents({ ...deps, notifier: dying });
    await dying.died;
    // Replica B ticks while A's lease holds, then after it expired (five minutes by default).
    expect(await runDueEvents(deps)).toBe(0);
    clock.advance(5 * 60_000 + 1000);
    expect(await runDueEvents(deps)).toBe(1);
    expect(await runDueEvents(deps)).toBe(0);
    expect(notifier.sent.map((s) => [s.kind, s.to])).toEqual([
      ['update', 'C0A'],
      ['post', 'C0A'],
      ['update', 'C0B'],
      ['post', 'C0B'],
    ]);
    expect(await notices.get('NTC-1')).toMatchObject({ done: ['reminder:1440'] });
    expect((await notices.get('NTC-1'))?.events.map((e) => e.kind)).toEqual(['scheduled', 'reminder']);
  });

  it('keeps a cancel made while the tick is still announcing slowly', async () => {
    const { deps, clock, notifier, notices } = setup(createMemoryNoticeStore(), {}, 30);
    const first = await scheduleNotice(deps, admin, { ...draft, channels: ['C0A'] });
    const second = await scheduleNotice(deps, admin, { ...draft, channels: ['C0B'] });
    if (!first.ok || !second.ok) throw new Error('not scheduled');
    clock.set(new Date('2026-11-27T14:30:00Z')); // both 24-hour reminders are due
    const before = notifier.sent.length;
    const tick = runDueEvents(deps);
    await notifier.calls(before + 1); // the first notice's reminder is on its way
    expect((await changeNotice(deps, admin, second.value.id, { kind: 'cancel' })).ok).toBe(true);
    expect(await tick).toBe(1);
    expect(await notices.get(second.value.id)).toMatchObject({ status: 'cancelled', done: [] });
    expect((await notices.get(second.value.id))?.events.map((e) => e.kind)).toEqual(['scheduled', 'cancelled']);
    expect((await notices.get(first.value.id))?.done).toEqual(['reminder:1440']);
  });

  it('keeps the tick’s reminder when an admin changes the notice while it is announced', async () => {
    const { deps, clock, notifier, notices } = setup(createMemoryNoticeStore(), {}, 30);
    const scheduled = await scheduleNotice(deps, admin, { ...draft, channels: ['C0A', 'C0B'] });
    if (!scheduled.ok) throw new Error('not scheduled');
    clock.set(new Date('2026-11-27T14:30:00Z'));
    const before = notifier.sent.length;
    const tick = runDueEvents(deps);
    await notifier.calls(before + 1);
    expect(
      (await changeNotice(deps, admin, scheduled.value.id, { kind: 'update', text: 'Now with QR codes' })).ok,
    ).toBe(true);
    await tick;
    expect(await notices.get(scheduled.value.id)).toMatchObject({
      done: ['reminder:1440'],
      message: { en: 'Now with QR codes' },
    });
    expect((await notices.get(scheduled.value.id))?.events.map((e) => e.kind)).toEqual([
      'scheduled',
      'reminder',
      'updated',
    ]);
  });

  it('skips a reminder whose moment passed before the notice was scheduled', async () => {
    const { deps, clock, notifier } = setup();
    clock.set(new Date('2026-11-28T10:00:00Z'));
    await scheduleNotice(deps, admin, { ...draft, channels: ['C0A'] });
    expect(await runDueEvents(deps)).toBe(0);
    clock.set(new Date('2026-11-28T13:00:00Z'));
    await runDueEvents(deps);
    expect(notifier.sent.filter((s) => s.threadTs).map((s) => s.text)).toEqual([
      '提醒：将在 1 小时后开始。\nReminder: this starts in 1 hour(s).',
    ]);
  });

  it('catches up after a restart once, in order, without duplicates', async () => {
    const dir = await tempDir();
    const first = setup(await createLowdbNoticeStore(dir));
    await scheduleNotice(first.deps, admin, { ...draft, channels: ['C0A'] });
    // The bot was down from before the first reminder until after the window ended.
    const second = setup(await createLowdbNoticeStore(dir));
    second.clock.set(new Date('2026-11-29T01:00:00Z'));
    expect(await runDueEvents(second.deps)).toBe(1);
    expect(second.notifier.sent.filter((s) => s.threadTs).map((s) => s.text)).toEqual([
      '维护已结束。发票可能还需要一点时间才能显示。\nThis maintenance is over. Invoices may still take a little while to appear.',
    ]);
    const third = setup(await createLowdbNoticeStore(dir));
    third.clock.set(new Date('2026-11-29T02:00:00Z'));
    expect(await runDueEvents(third.deps)).toBe(0);
    expect(third.notifier.sent).toEqual([]);
  });

  it.each([
    [{ kind: 'update' as const, text: 'Now also affects 红字' }, 'scheduled', '更新：Now also affects 红字'],
    [
      { kind: 'extend' as const, endsAt: '2026-11-29T02:00:00Z' },
      'scheduled',
      '已延长至 2026-11-29 10:00。\nExtended until 2026-11-29 10:00.',
    ],
    [{ kind: 'end_early' as const }, 'completed', '已于 2026-11-27 15:00 提前结束。\nEnded early at 2026-11-27 15:00.'],
    [{ kind: 'cancel' as const }, 'cancelled', '本次维护已取消。\nThis maintenance has been cancelled.'],
  ])('applies %j to every channel', async (change, status, reply) => {
    const { deps, notifier, notices } = setup();
    await scheduleNotice(deps, admin, { ...draft, channels: ['C0A', 'C0B'] });
    notifier.sent.length = 0;
    const result = await changeNotice(deps, admin, 'NTC-1', change);
    expect(result.ok).toBe(true);
    expect((await notices.get('NTC-1'))?.status).toBe(status);
    expect(notifier.sent.filter((s) => s.kind === 'update').map((s) => s.to)).toEqual(['C0A', 'C0B']);
    expect(notifier.sent.filter((s) => s.threadTs).map((s) => s.text)).toEqual([reply, reply]);
  });

  it('refuses changes by non-admins, to unknown notices, to finished ones, and a shorter "extension"', async () => {
    const { deps } = setup();
    await scheduleNotice(deps, admin, draft);
    expect(await changeNotice(deps, employee, 'NTC-1', { kind: 'cancel' })).toEqual({
      ok: false,
      error: { code: 'not_allowed' },
    });
    expect(await changeNotice(deps, admin, 'NTC-9', { kind: 'cancel' })).toEqual({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await changeNotice(deps, admin, 'NTC-1', { kind: 'extend', endsAt: '2026-11-28T20:00:00Z' })).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    await changeNotice(deps, admin, 'NTC-1', { kind: 'cancel' });
    expect(await changeNotice(deps, admin, 'NTC-1', { kind: 'update', text: 'x' })).toEqual({
      ok: false,
      error: { code: 'finished', status: 'cancelled' },
    });
  });
});
