import { describe, expect, it } from 'vitest';
import { isDeadlineUrgent, raiseForDeadline, slaCap } from '../../src/domain/deadline-urgency.js';
import type { InvoiceFiling } from '../../src/domain/invoice-filing.js';
import { escalationFixture } from '../helpers/state-fixtures.js';

const settings = { deadlineUrgentDays: 3, deadlineMarginMinutes: 240 };
const filing = (daysLeft: number): InvoiceFiling => ({
  period: '2026-11',
  due: '2026-12-15',
  official: true,
  direction: 'issued',
  daysLeft,
});

describe('urgency follows the filing deadline', () => {
  it.each([
    { daysLeft: 0, urgent: false },
    { daysLeft: 1, urgent: true },
    { daysLeft: 3, urgent: true },
    { daysLeft: 4, urgent: false },
  ])('$daysLeft working days left → urgent: $urgent', ({ daysLeft, urgent }) => {
    expect(isDeadlineUrgent(filing(daysLeft), settings)).toBe(urgent);
  });

  it('an invoice without a filing period is never urgent by deadline', () => {
    expect(isDeadlineUrgent(undefined, settings)).toBe(false);
  });

  it('caps SLA targets at the deadline day’s close minus the margin', () => {
    const hours = { start: 540, end: 1080 };
    expect(slaCap(filing(2), settings, hours, 'Asia/Shanghai')?.toISOString()).toBe('2026-12-15T06:00:00.000Z');
    expect(slaCap(filing(2), { ...settings, deadlineMarginMinutes: 0 }, hours, 'Asia/Shanghai')?.toISOString()).toBe(
      '2026-12-15T10:00:00.000Z',
    );
    expect(slaCap(filing(0), settings, hours, 'Asia/Shanghai')).toBeUndefined();
    expect(slaCap(undefined, settings, hours, 'Asia/Shanghai')).toBeUndefined();
  });
});

describe('raiseForDeadline', () => {
  const at = '2026-12-11T01:00:00.000Z';
  const due = (target: 'first' | 'resolution') =>
    target === 'first' ? '2026-11-27T04:00:00.000Z' : '2026-12-15T06:00:00.000Z';
  const esc = () =>
    escalationFixture({
      reminded: ['near:first', 'breach:resolution:0'],
      resolutionDue: '2026-12-16T02:00:00.000Z',
    });

  it('makes it urgent with the deadline as the reason, targets brought forward and their reminders free again', () => {
    const raised = raiseForDeadline(esc(), filing(3), settings, at, due);
    expect(raised?.event).toEqual({ at, by: 'bot', action: 'deadline_urgent', text: '2026-12-15T06:00:00.000Z' });
    expect(raised?.escalation).toMatchObject({
      urgency: 'urgent',
      autoUrgent: true,
      // Its thread note is owed from this same write on, until it is sent.
      deadlineNote: at,
      filing: filing(3),
      firstResponseDue: '2026-11-27T04:00:00.000Z',
      resolutionDue: '2026-12-15T06:00:00.000Z',
      reminded: [],
    });
    expect(raised?.escalation.events.at(-1)).toEqual(raised?.event);
  });

  it('never moves a target later, nor a first response already given', () => {
    const answered = {
      ...esc(),
      firstResponseAt: '2026-11-27T03:00:00.000Z',
      resolutionDue: '2026-12-14T02:00:00.000Z',
    };
    const raised = raiseForDeadline(answered, filing(3), settings, at, due)?.escalation;
    expect(raised).toMatchObject({
      firstResponseDue: '2026-11-27T06:00:00.000Z',
      resolutionDue: '2026-12-14T02:00:00.000Z',
    });
    expect(raised?.reminded).toEqual(['near:first', 'breach:resolution:0']);
  });

  it.each([
    { why: 'the deadline is not close', e: esc(), f: filing(4) },
    { why: 'the deadline has passed', e: esc(), f: filing(0) },
    { why: 'it is urgent already', e: { ...esc(), urgency: 'urgent' as const }, f: filing(2) },
    { why: 'it is resolved', e: { ...esc(), status: 'resolved' as const }, f: filing(2) },
  ])('changes nothing when $why', ({ e, f }) => {
    expect(raiseForDeadline(e, f, settings, at, due)).toBeUndefined();
  });

  it('does not mutate the escalation', () => {
    const original = esc();
    const copy = structuredClone(original);
    raiseForDeadline(original, filing(1), settings, at, due);
    expect(original).toEqual(copy);
  });
});
