import { describe, expect, it } from 'vitest';
import { dueEvents, type Notice, type NoticeDraft, validateNotice } from '../../src/domain/notice.js';

const now = new Date('2026-11-27T07:00:00Z');
const draft: NoticeDraft = {
  system: 'einvoice',
  functions: ['issuing'],
  startsAt: '2026-11-28T14:00:00Z',
  endsAt: '2026-11-28T22:00:00Z',
  message: { zh: '电子发票服务平台升级' },
  channels: ['C0ANNOUNCE'],
  reminders: [1440, 60],
  alreadyStarted: false,
};

function notice(overrides: Partial<Notice> = {}): Notice {
  const { alreadyStarted: _a, ...fields } = draft;
  return {
    ...fields,
    id: 'NTC-1',
    status: 'scheduled',
    createdBy: 'UADM',
    createdAt: now.toISOString(),
    posts: [],
    events: [],
    done: [],
    ...overrides,
  };
}

describe('validateNotice', () => {
  it('accepts a good draft', () => {
    expect(validateNotice(draft, now)).toEqual([]);
  });

  it.each([
    [{ endsAt: '2026-11-28T13:00:00Z' }, 'endsAt', 'end_before_start'],
    [{ endsAt: '2026-12-09T00:00:00Z' }, 'endsAt', 'too_long'],
    [{ startsAt: '2026-11-27T06:00:00Z' }, 'startsAt', 'start_in_past'],
    [{ startsAt: '2026-11-27T08:00:00Z', alreadyStarted: true }, 'startsAt', 'started_in_future'],
    [{ channels: [] }, 'channels', 'no_channel'],
    [{ message: { en: '  ' } }, 'message', 'empty_message'],
    [{ functions: [] }, 'functions', 'no_function'],
  ])('refuses %j', (overrides, field, code) => {
    expect(validateNotice({ ...draft, ...overrides }, now)).toContainEqual({ field, code });
  });

  it('accepts a window already under way when ticked so', () => {
    expect(validateNotice({ ...draft, startsAt: '2026-11-27T06:00:00Z', alreadyStarted: true }, now)).toEqual([]);
  });
});

describe('dueEvents', () => {
  it('returns the reminders, start and completion as each falls due, once', () => {
    expect(dueEvents(notice(), now).due).toEqual([]);
    expect(dueEvents(notice(), new Date('2026-11-27T14:00:00Z')).due.map((e) => e.key)).toEqual(['reminder:1440']);
    expect(
      dueEvents(notice({ done: ['reminder:1440'] }), new Date('2026-11-28T13:00:00Z')).due.map((e) => e.key),
    ).toEqual(['reminder:60']);
    expect(
      dueEvents(notice({ done: ['reminder:1440', 'reminder:60'] }), new Date('2026-11-28T14:00:00Z')).due.map(
        (e) => e.key,
      ),
    ).toEqual(['start']);
    expect(
      dueEvents(notice({ done: ['reminder:1440', 'reminder:60', 'start'] }), new Date('2026-11-28T22:00:00Z')).due.map(
        (e) => e.key,
      ),
    ).toEqual(['complete']);
  });

  it('after downtime returns what fell due in order, skipping reminders whose moment passed the start', () => {
    const late = dueEvents(notice(), new Date('2026-11-28T15:00:00Z'));
    expect(late.due.map((e) => e.key)).toEqual(['start']);
    expect(late.skip).toEqual(['reminder:1440', 'reminder:60']);
    const over = dueEvents(notice(), new Date('2026-11-29T00:00:00Z'));
    expect(over.due.map((e) => e.key)).toEqual(['complete']);
    expect(over.skip).toEqual(['reminder:1440', 'reminder:60', 'start']);
  });

  it('returns nothing for cancelled or completed notices', () => {
    expect(dueEvents(notice({ status: 'cancelled' }), new Date('2026-11-29T00:00:00Z'))).toEqual({ due: [], skip: [] });
    expect(dueEvents(notice({ status: 'completed' }), new Date('2026-11-29T00:00:00Z'))).toEqual({ due: [], skip: [] });
  });
});
