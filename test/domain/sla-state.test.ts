import { describe, expect, it } from 'vitest';
import { type Escalation, escalationSla, slaReminders } from '../../src/domain/escalation.js';
import { slaState } from '../../src/domain/sla-state.js';

const DUE = '2026-11-27T10:00:00.000Z';
const HOUR = 3_600_000;
const at = (msFromDue: number) => new Date(Date.parse(DUE) + msFromDue);

describe('slaState', () => {
  it.each([
    ['well ahead', -2 * HOUR, 'on_track'],
    ['one ms before the "due soon" window', -HOUR - 1, 'on_track'],
    ['exactly at the start of the window', -HOUR, 'due_soon'],
    ['one ms before the target', -1, 'due_soon'],
    ['exactly at the target', 0, 'overdue'],
    ['after the target', 1, 'overdue'],
  ] as const)('%s → %s', (_when, offset, expected) => {
    expect(slaState(DUE, at(offset), HOUR)).toBe(expected);
  });
});

describe('escalationSla', () => {
  const esc = {
    status: 'claimed',
    firstResponseAt: '2026-11-27T01:00:00.000Z',
    firstResponseDue: '2026-11-27T02:00:00.000Z',
    resolutionDue: DUE,
  } as const;

  it('measures answered escalations against their resolution target', () => {
    expect(escalationSla(esc, at(0), HOUR)).toBe('overdue');
    expect(escalationSla({ ...esc, status: 'waiting' }, at(-HOUR), HOUR)).toBe('due_soon');
  });

  it('counts the first-response target too until finance first acts', () => {
    const { firstResponseAt: _answered, ...unanswered } = { ...esc, status: 'open' as const };
    // 09:00: the resolution is an hour away, but the first response was due at 02:00.
    expect(escalationSla(unanswered, at(-HOUR - 1), HOUR)).toBe('overdue');
    expect(escalationSla(unanswered, new Date('2026-11-27T01:30:00.000Z'), HOUR)).toBe('due_soon');
    expect(escalationSla(unanswered, new Date('2026-11-27T00:30:00.000Z'), HOUR)).toBe('on_track');
    expect(escalationSla(esc, at(-HOUR - 1), HOUR)).toBe('on_track');
  });

  it('gives closed escalations no state', () => {
    expect(escalationSla({ ...esc, status: 'resolved' }, at(HOUR), HOUR)).toBeUndefined();
    expect(escalationSla({ ...esc, status: 'duplicate' }, at(HOUR), HOUR)).toBeUndefined();
  });

  it('agrees with the reminders on the boundary: the badge turns red when the breach reminder fires', () => {
    const open = {
      status: 'claimed',
      firstResponseAt: '2026-11-27T01:00:00.000Z',
      firstResponseDue: '2026-11-27T02:00:00.000Z',
      resolutionDue: DUE,
      reminded: [] as string[],
    } as unknown as Escalation;
    expect(slaReminders(open, at(-1), HOUR, 4 * HOUR).map((r) => r.kind)).toEqual(['near']);
    expect(escalationSla(open, at(-1), HOUR)).toBe('due_soon');
    expect(slaReminders(open, at(0), HOUR, 4 * HOUR).map((r) => r.kind)).toEqual(['breach']);
    expect(escalationSla(open, at(0), HOUR)).toBe('overdue');
  });
});
