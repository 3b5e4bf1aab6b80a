import { describe, expect, it } from 'vitest';
import { isDeadlineUrgent, slaCap } from '../../src/domain/deadline-urgency.js';
import type { InvoiceFiling } from '../../src/domain/invoice-filing.js';

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
