import { z } from 'zod';

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 09:00');
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/**
 * SLA targets and reminders for escalations, in business minutes on China's working calendar
 * (`settings.json` → `escalations`). Defaults: first response within 4 business hours (1 when urgent), resolution
 * within 2 business days (1 when urgent), a reminder an hour before, then every 4 hours after a breach.
 */
export const EscalationSettings = z
  .object({
    businessHours: z.object({ start: Clock, end: Clock }).default({ start: '09:00', end: '18:00' }),
    firstResponseMinutes: z
      .object({ normal: z.number().int().positive(), urgent: z.number().int().positive() })
      .default({ normal: 240, urgent: 60 }),
    resolutionMinutes: z
      .object({ normal: z.number().int().positive(), urgent: z.number().int().positive() })
      .default({ normal: 1080, urgent: 540 }),
    nearMinutes: z.number().int().positive().default(60),
    repeatMinutes: z.number().int().positive().default(240),
    digestTime: Clock.default('09:30'),
    /** The weekly status check: ISO weekday (1 = Monday) and time. */
    weeklyCheck: z
      .object({ weekday: z.number().int().min(1).max(7), time: Clock })
      .default({ weekday: 1, time: '09:30' }),
    /** An escalation about an invoice whose filing deadline is this many working days away or fewer is urgent. */
    deadlineUrgentDays: z.number().int().nonnegative().default(3),
    /** Finance and requesters are reminded of a period's missing invoices this many working days before its deadline. */
    deadlineReminderDays: z.number().int().positive().default(3),
    /** SLA targets are never later than this many minutes before the end of business on the deadline day. */
    deadlineMarginMinutes: z.number().int().nonnegative().default(240),
  })
  .refine(
    (s) => minutesOf(s.businessHours.start) < minutesOf(s.businessHours.end),
    'business hours must end after they start',
  );
export type EscalationSettings = z.infer<typeof EscalationSettings>;

/**
 * Business hours as minutes after midnight.
 * @example businessHoursOf({ businessHours: { start: '09:00', end: '18:00' } } as EscalationSettings) // { start: 540, end: 1080 }
 */
export function businessHoursOf(settings: EscalationSettings): { start: number; end: number } {
  return { start: minutesOf(settings.businessHours.start), end: minutesOf(settings.businessHours.end) };
}
