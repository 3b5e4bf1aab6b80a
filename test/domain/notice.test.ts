import { describe, expect, it } from 'vitest';
import { dueEvents, type Notice, type NoticeDraft, toWindow, validateNotice } from '../../src/domain/notice.js';

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

describe('validateNotice at the edges', () => {
  const problems = (overrides: Partial<NoticeDraft>) => validateNotice({ ...draft, ...overrides }, now);

  it('refuses a window that ends when it starts', () => {
    expect(problems({ endsAt: draft.startsAt })).toEqual([{ field: 'endsAt', code: 'end_before_start' }]);
  });

  it('allows a window of exactly seven days, not a minute more', () => {
    expect(problems({ endsAt: '2026-12-05T14:00:00Z' })).toEqual([]);
    expect(problems({ endsAt: '2026-12-05T14:01:00Z' })).toEqual([{ field: 'endsAt', code: 'too_long' }]);
  });

  it('takes a start up to five minutes ago as a slow form, not as a window already under way', () => {
    expect(problems({ startsAt: '2026-11-27T06:55:00Z' })).toEqual([]);
    expect(problems({ startsAt: '2026-11-27T06:54:59Z' })).toEqual([{ field: 'startsAt', code: 'start_in_past' }]);
  });

  it('accepts a window ticked as under way that starts right now', () => {
    expect(problems({ startsAt: '2026-11-27T07:00:00Z', alreadyStarted: true })).toEqual([]);
  });

  it('refuses a window ticked as under way that has already ended, once', () => {
    const ended = { startsAt: '2026-11-27T05:00:00Z', alreadyStarted: true };
    expect(problems({ ...ended, endsAt: '2026-11-27T07:00:00Z' })).toEqual([
      { field: 'endsAt', code: 'end_before_start' },
    ]);
    expect(problems({ ...ended, endsAt: '2026-11-27T07:00:01Z' })).toEqual([]);
    expect(problems({ ...ended, endsAt: '2026-11-27T04:00:00Z' })).toEqual([
      { field: 'endsAt', code: 'end_before_start' },
    ]);
  });

  it('needs a message in at least one language', () => {
    expect(problems({ message: { en: 'Upgrade' } })).toEqual([]);
    expect(problems({ message: { zh: '升级' } })).toEqual([]);
    expect(problems({ message: { en: ' ', zh: '  ' } })).toEqual([{ field: 'message', code: 'empty_message' }]);
    expect(problems({ message: {} })).toEqual([{ field: 'message', code: 'empty_message' }]);
  });

  it('lists every problem at once', () => {
    expect(
      problems({ startsAt: '2026-11-26T00:00:00Z', endsAt: '2026-11-25T00:00:00Z', channels: [], functions: [] }),
    ).toEqual([
      { field: 'endsAt', code: 'end_before_start' },
      { field: 'startsAt', code: 'start_in_past' },
      { field: 'channels', code: 'no_channel' },
      { field: 'functions', code: 'no_function' },
    ]);
  });
});

describe('dueEvents in detail', () => {
  const at = (iso: string) => new Date(iso);

  it('gives a reminder with how long before the start it is', () => {
    expect(dueEvents(notice(), at('2026-11-28T13:30:00Z')).due).toEqual([
      { key: 'reminder:1440', kind: 'reminder', minutesBefore: 1440 },
      { key: 'reminder:60', kind: 'reminder', minutesBefore: 60 },
    ]);
  });

  it('sends the earlier reminder first, however the reminders were entered', () => {
    const due = dueEvents(notice({ reminders: [60, 1440, 120] }), at('2026-11-28T13:30:00Z')).due;
    expect(due.map((e) => e.key)).toEqual(['reminder:1440', 'reminder:120', 'reminder:60']);
  });

  it('at the very start skips the reminders and starts', () => {
    expect(dueEvents(notice(), at('2026-11-28T14:00:00Z'))).toEqual({
      due: [{ key: 'start', kind: 'start' }],
      skip: ['reminder:1440', 'reminder:60'],
    });
  });

  it('at the very end completes without starting', () => {
    const done = ['reminder:1440', 'reminder:60'];
    expect(dueEvents(notice({ done, status: 'in_progress' }), at('2026-11-28T22:00:00Z'))).toEqual({
      due: [{ key: 'complete', kind: 'complete' }],
      skip: ['start'],
    });
  });

  it('does not skip a start that happened', () => {
    const done = ['reminder:1440', 'reminder:60', 'start'];
    expect(dueEvents(notice({ done, status: 'in_progress' }), at('2026-11-28T22:00:00Z')).skip).toEqual([]);
  });

  it('completes only once', () => {
    const done = ['reminder:1440', 'reminder:60', 'start', 'complete'];
    expect(dueEvents(notice({ done, status: 'in_progress' }), at('2026-11-29T00:00:00Z'))).toEqual({
      due: [],
      skip: [],
    });
  });
});

describe('toWindow', () => {
  it('puts a scheduled or running notice into the diagnosis as a window', () => {
    for (const status of ['scheduled', 'in_progress', 'completed'] as const)
      expect(toWindow(notice({ status }), 'E-invoice platform upgrade')).toEqual({
        id: 'NTC-1',
        title: 'E-invoice platform upgrade',
        system: 'einvoice',
        functions: ['issuing'],
        startsAt: '2026-11-28T14:00:00Z',
        endsAt: '2026-11-28T22:00:00Z',
      });
  });

  it('puts no window for a cancelled notice', () => {
    expect(toWindow(notice({ status: 'cancelled' }), 'E-invoice platform upgrade')).toBeUndefined();
  });
});
