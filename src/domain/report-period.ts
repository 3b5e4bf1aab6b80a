import { err, ok, type Result } from '../lib/result.js';
import { localDay } from '../lib/time.js';
import { wallTimeToUtc } from '../lib/zone-offset.js';
import type { Period } from './bot-metrics.js';
import { nextDay } from './business-time.js';

/** A period to report on, the one before it (for the change), and how it was named. */
export type ReportPeriod = Period & { previous: Period; label: string };

/** Why a period could not be read. */
export type PeriodError =
  | { code: 'unknown_period'; text: string }
  | { code: 'bad_range'; text: string }
  /** A range whose last day is before its first, as typed: refused, never swapped. */
  | { code: 'reversed_range'; first: string; last: string }
  | { code: 'range_too_long'; days: number };

/** A custom range may span at most this many days (a year and a bit: longer ones are the CLI's job). */
export const MAX_RANGE_DAYS = 400;

const DAY_MS = 86_400_000;
const NAMES: Record<string, 'this-week' | 'last-week' | 'this-month' | 'last-month'> = {
  'this-week': 'this-week',
  本周: 'this-week',
  'last-week': 'last-week',
  上周: 'last-week',
  'this-month': 'this-month',
  本月: 'this-month',
  'last-month': 'last-month',
  上月: 'last-month',
};

/** Local midnight at the start of `day` (`YYYY-MM-DD`), as an instant. */
export function startOfDay(day: string, zone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(wallTimeToUtc(y, m, d, 0, 0, 0, zone));
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The Monday that starts the (ISO) week of `day`.
 * @example weekStart('2026-11-27') // '2026-11-23'
 */
export function weekStart(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

function monthStart(day: string, monthsBack: number): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - monthsBack;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

function span(fromDay: string, toDay: string, zone: string): Period {
  return { from: startOfDay(fromDay, zone), to: startOfDay(toDay, zone) };
}

// A real calendar day: `Date.parse` rolls 2026-02-30 over to March, so the day must read back unchanged.
function isDay(text: string): boolean {
  const t = Date.parse(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(t) && new Date(t).toISOString().startsWith(text);
}

/**
 * Reads a report period: `this-week` (the default, also 本周), `last-week` (上周), `this-month` (本月), `last-month`
 * (上月), or `YYYY-MM-DD..YYYY-MM-DD` (both days included). Weeks start on Monday, days at local midnight. The
 * previous period is the week or month before, or a range of the same length just before a custom range.
 * @example parsePeriod('last-week', new Date('2026-11-27T07:00:00Z'), 'Asia/Shanghai') // 2026-11-16..2026-11-22
 */
export function parsePeriod(text: string, now: Date, zone: string): Result<ReportPeriod, PeriodError> {
  const word = text.trim().toLowerCase() || 'this-week';
  const today = localDay(now, zone);
  const named = NAMES[word];
  if (named === 'this-week' || named === 'last-week') {
    const start = addDays(weekStart(today), named === 'last-week' ? -7 : 0);
    return ok({
      ...span(start, addDays(start, 7), zone),
      previous: span(addDays(start, -7), start, zone),
      label: word,
    });
  }
  if (named === 'this-month' || named === 'last-month') {
    const back = named === 'last-month' ? 1 : 0;
    const start = monthStart(today, back);
    return ok({
      ...span(start, monthStart(today, back - 1), zone),
      previous: span(monthStart(today, back + 1), start, zone),
      label: word,
    });
  }
  const range = /^(\S+)\s*\.\.\s*(\S+)$/.exec(word);
  if (!range) return err({ code: 'unknown_period', text });
  const [, first = '', last = ''] = range;
  if (!isDay(first) || !isDay(last)) return err({ code: 'bad_range', text });
  if (last < first) return err({ code: 'reversed_range', first, last });
  const end = nextDay(last);
  const days = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS);
  if (days > MAX_RANGE_DAYS) return err({ code: 'range_too_long', days });
  return ok({
    ...span(first, end, zone),
    previous: span(addDays(first, -days), first, zone),
    label: `${first}..${last}`,
  });
}

/**
 * The weeks (Monday to Monday, local) that overlap a period, each clipped to it: the per-week figures.
 * @example weeksOf({ from: 2026-11-18, to: 2026-12-01 }, zone).length // 3 (18–23, 23–30, 30–1)
 */
export function weeksOf(period: Period, zone: string): Period[] {
  const out: Period[] = [];
  let day = weekStart(localDay(period.from, zone));
  for (let start = startOfDay(day, zone); start < period.to; start = startOfDay(day, zone)) {
    day = addDays(day, 7);
    const end = startOfDay(day, zone);
    out.push({
      from: new Date(Math.max(start.getTime(), period.from.getTime())),
      to: new Date(Math.min(end.getTime(), period.to.getTime())),
    });
  }
  return out;
}
