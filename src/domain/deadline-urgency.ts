import { wallTimeToUtc } from '../lib/zone-offset.js';
import type { BusinessHours } from './business-time.js';
import type { Escalation, EscalationEvent } from './escalation.js';
import type { InvoiceFiling } from './invoice-filing.js';
import { raiseUrgency } from './raise-urgency.js';

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

/**
 * An open escalation that was not urgent, now that its invoice's deadline (`filing`, as of today) has come within
 * `deadlineUrgentDays` working days: urgent automatically, with that deadline kept as the reason, its SLA targets
 * brought forward to `urgentDue` (which the caller caps at `slaCap`) and a `deadline_urgent` event carrying the new
 * resolution target, its thread note marked owed (`deadlineNote`). Undefined when nothing changes — it is urgent already, closed, or the deadline is not close —
 * so a second caller, on the escalation as the first one stored it, changes nothing: the event happens once.
 * @example raiseForDeadline(esc, { daysLeft: 3, … }, settings, at, due)?.event.action // 'deadline_urgent'
 */
export function raiseForDeadline(
  esc: Escalation,
  filing: InvoiceFiling,
  settings: DeadlineSettings,
  at: string,
  urgentDue: (target: 'first' | 'resolution') => string,
): { escalation: Escalation; event: EscalationEvent } | undefined {
  const open = esc.status === 'open' || esc.status === 'claimed' || esc.status === 'waiting';
  if (!open || esc.urgency === 'urgent' || !isDeadlineUrgent(filing, settings)) return undefined;
  const raised = raiseUrgency(esc, urgentDue);
  // No person acted: the bot did, on the calendar's word.
  const event: EscalationEvent = { at, by: 'bot', action: 'deadline_urgent', text: raised.resolutionDue };
  // The note about it is owed until sent (`deadlineNote`): marked in this same write, so it outlives a crash.
  return {
    escalation: { ...raised, autoUrgent: true, filing, events: [...raised.events, event], deadlineNote: at },
    event,
  };
}
