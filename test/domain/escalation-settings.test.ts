import { describe, expect, it } from 'vitest';
import { businessHoursOf, EscalationSettings } from '../../src/domain/escalation-settings.js';

describe('EscalationSettings', () => {
  it('fills in the defaults the README’s configuration table promises', () => {
    expect(EscalationSettings.parse({})).toEqual({
      businessHours: { start: '09:00', end: '18:00' },
      firstResponseMinutes: { normal: 240, urgent: 60 },
      resolutionMinutes: { normal: 1080, urgent: 540 },
      nearMinutes: 60,
      repeatMinutes: 240,
      digestTime: '09:30',
      weeklyCheck: { weekday: 1, time: '09:30' },
      deadlineUrgentDays: 3,
      deadlineMarginMinutes: 240,
      deadlineReminderDays: 3,
    });
  });

  it.each(['00:00', '08:30', '09:05', '19:59', '20:00', '23:59'])('accepts the time %s', (time) => {
    expect(EscalationSettings.safeParse({ digestTime: time }).success).toBe(true);
  });

  it.each(['24:00', '30:00', '9:00', '09:60', '09:5', '0900', ' 09:00', '09:00 ', 'x09:00'])(
    'refuses the time %j, asking for a time like 09:00',
    (time) => {
      const result = EscalationSettings.safeParse({ digestTime: time });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('a time like 09:00');
    },
  );

  it('checks the times of the business hours and of the weekly check too', () => {
    expect(EscalationSettings.safeParse({ businessHours: { start: '9:00', end: '18:00' } }).success).toBe(false);
    expect(EscalationSettings.safeParse({ businessHours: { start: '09:00', end: '18:60' } }).success).toBe(false);
    expect(EscalationSettings.safeParse({ weeklyCheck: { weekday: 1, time: '25:00' } }).success).toBe(false);
  });

  it.each([
    ['09:00', '09:01', true],
    ['09:00', '09:00', false],
    ['18:00', '09:00', false],
    ['09:30', '10:00', true],
    ['10:30', '10:00', false],
  ])('business hours from %s to %s are accepted: %s', (start, end, ok) => {
    const result = EscalationSettings.safeParse({ businessHours: { start, end } });
    expect(result.success).toBe(ok);
    if (!ok) expect(result.error?.issues[0]?.message).toBe('business hours must end after they start');
  });

  it.each([
    ['firstResponseMinutes', { normal: 0, urgent: 60 }],
    ['firstResponseMinutes', { normal: 240, urgent: -1 }],
    ['resolutionMinutes', { normal: 1.5, urgent: 540 }],
    ['resolutionMinutes', { normal: 1080, urgent: 0 }],
    ['nearMinutes', 0],
    ['nearMinutes', 2.5],
    ['repeatMinutes', -240],
    ['repeatMinutes', 0.5],
  ])('refuses %s = %j', (key, value) => {
    expect(EscalationSettings.safeParse({ [key]: value }).success).toBe(false);
  });

  it.each([
    [1, true],
    [7, true],
    [0, false],
    [8, false],
    [1.5, false],
  ])('takes the ISO weekday %s for the weekly check: %s', (weekday, ok) => {
    expect(EscalationSettings.safeParse({ weeklyCheck: { weekday, time: '09:30' } }).success).toBe(ok);
  });
});

describe('businessHoursOf', () => {
  it('gives the business hours as minutes after midnight', () => {
    const settings = EscalationSettings.parse({ businessHours: { start: '08:30', end: '17:45' } });
    expect(businessHoursOf(settings)).toEqual({ start: 510, end: 1065 });
  });

  it('reads the default 09:00–18:00', () => {
    expect(businessHoursOf(EscalationSettings.parse({}))).toEqual({ start: 540, end: 1080 });
  });
});
