import { localDay } from '../lib/time.js';
import { wallTimeToUtc } from '../lib/zone-offset.js';

/** Which days people work: China's calendar moves weekend days (调休), so this is data, not a weekday rule. */
export type WorkingCalendar = {
  isWorkday(day: string): boolean;
  /** False for a year the holiday data does not cover (then Monday–Friday is assumed). */
  covers?(year: number): boolean;
};

/** The working day's hours, as minutes after local midnight (09:00–18:00 is 540–1080). */
export type BusinessHours = { start: number; end: number };

const DAY_MS = 86_400_000;
// A year and a bit of calendar days: enough for any SLA, and a guard against a calendar with no workdays at all.
const MAX_DAYS = 400;

function at(day: string, minutes: number, zone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return wallTimeToUtc(y, m, d, Math.floor(minutes / 60), minutes % 60, 0, zone);
}

/** The calendar day after `day` (`YYYY-MM-DD`). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The moment `minutes` of business time after `from`: only working hours of working days count.
 * @example addBusinessMinutes(new Date('2026-02-13T09:00:00Z'), 60, calendar, { start: 540, end: 1080 }, 'Asia/Shanghai')
 */
export function addBusinessMinutes(
  from: Date,
  minutes: number,
  calendar: WorkingCalendar,
  hours: BusinessHours,
  zone: string,
): Date {
  let remaining = minutes * 60_000;
  let t = from.getTime();
  let day = localDay(from, zone);
  for (let i = 0; i < MAX_DAYS; i++) {
    if (calendar.isWorkday(day)) {
      const open = at(day, hours.start, zone);
      const close = at(day, hours.end, zone);
      const start = Math.max(t, open);
      if (start < close) {
        const used = Math.min(remaining, close - start);
        remaining -= used;
        if (remaining <= 0) return new Date(start + used);
      }
    }
    day = nextDay(day);
    t = at(day, 0, zone);
  }
  throw new Error(`no working time within ${MAX_DAYS} days of ${from.toISOString()}: check the working calendar`);
}

/**
 * The business minutes between two moments: only working hours of working days count (the inverse of
 * {@link addBusinessMinutes}). Zero when `to` is not after `from`.
 * @example businessMinutesBetween(new Date('2026-11-27T17:00:00+08:00'), new Date('2026-11-30T10:00:00+08:00'), calendar, { start: 540, end: 1080 }, 'Asia/Shanghai') // 120
 */
export function businessMinutesBetween(
  from: Date,
  to: Date,
  calendar: WorkingCalendar,
  hours: BusinessHours,
  zone: string,
): number {
  const end = to.getTime();
  let total = 0;
  let t = from.getTime();
  let day = localDay(from, zone);
  // A span is bounded by the caller's period, so walking it day by day stays cheap; the cap only guards against junk.
  for (let i = 0; t < end && i < 10 * MAX_DAYS; i++) {
    if (calendar.isWorkday(day)) {
      const start = Math.max(t, at(day, hours.start, zone));
      const close = Math.min(end, at(day, hours.end, zone));
      if (start < close) total += close - start;
    }
    day = nextDay(day);
    t = at(day, 0, zone);
  }
  return Math.round(total / 60_000);
}
