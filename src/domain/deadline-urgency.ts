import { wallTimeToUtc } from '../lib/zone-offset.js';
import type { BusinessHours } from './business-time.js';
import type { InvoiceFiling } from './invoice-filing.js';

/** The settings the deadline rules read (`settings.json` → `escalations`). */
export type DeadlineSettings = { deadlineUrgentDays: number; deadlineMarginMinutes: number };

/**
 * True when an escalation about this invoice must be urgent because its filing deadline is close: the deadline has
 * not passed and at most `deadlineUrgentDays` working days are left (today and the deadline day counted).
 * @example isDeadlineUrgent({ daysLeft: 2, … }, { deadlineUrgentDays: 3, deadlineMarginMinutes: 240 }) // true
 */
export function isDeadlineUrgent(filing: InvoiceFiling | undefined, settings: DeadlineSettings): boolean {
  return filing !== undefined && filing.daysLeft > 0 && filing.daysLeft <= settings.deadlineUrgentDays;
}

/**
 * The latest moment an SLA target may fall for an invoice with this filing deadline: the end of business on the
 * deadline day minus `deadlineMarginMinutes`, so finance has time to act before the return is filed. Undefined when
 * there is no deadline ahead.
 * @example slaCap(filing, settings, { start: 540, end: 1080 }, 'Asia/Shanghai') // 2026-12-15 14:00 Beijing time
 */
export function slaCap(
  filing: InvoiceFiling | undefined,
  settings: DeadlineSettings,
  hours: BusinessHours,
  zone: string,
): Date | undefined {
  if (!filing || filing.daysLeft === 0) return undefined;
  const [y, m, d] = filing.due.split('-').map(Number) as [number, number, number];
  const close = wallTimeToUtc(y, m, d, Math.floor(hours.end / 60), hours.end % 60, 0, zone);
  return new Date(close - settings.deadlineMarginMinutes * 60_000);
}
