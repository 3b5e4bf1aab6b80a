import { z } from 'zod';
import { nextDay, type WorkingCalendar } from './business-time.js';

const YEAR = /^\d{4}$/;

/**
 * `filing-calendar.json`: the monthly VAT filing deadlines (申报期) the State Taxation Administration publishes each
 * December for the next year, as data (no package publishes them, domain-fapiao §10.1). The bot ships 2026; admins
 * add later years in `DATA_DIR/filing-calendar.json`. Each year lists its 12 deadlines, January first; each must lie
 * in its own month, on or after the 15th (the rule never moves a deadline earlier). A bad edit names the field.
 */
export const FilingCalendarFile = z
  .object({
    years: z.record(
      z.string().regex(YEAR, 'a year such as "2027"'),
      z.object({
        /** Where the table comes from, e.g. the notice's number. */
        source: z.string().min(1),
        deadlines: z.array(z.iso.date()).length(12, 'twelve deadlines, January to December'),
      }),
    ),
  })
  .superRefine((file, ctx) => {
    for (const [year, { deadlines }] of Object.entries(file.years)) {
      deadlines.forEach((due, i) => {
        const month = `${year}-${String(i + 1).padStart(2, '0')}`;
        if (due.slice(0, 7) !== month || Number(due.slice(8)) < 15)
          ctx.addIssue({
            code: 'custom',
            path: ['years', year, 'deadlines', i],
            message: `must be a day in ${month} on or after the 15th (got ${due})`,
          });
      });
    }
  });
export type FilingCalendarFile = z.infer<typeof FilingCalendarFile>;

/** The official deadlines by year: `table.get(2026)[0]` is January's. */
export type FilingTable = ReadonlyMap<number, readonly string[]>;

/** Turns validated files into one table; a later file's year replaces an earlier one's. */
export function toFilingTable(...files: FilingCalendarFile[]): FilingTable {
  const table = new Map<number, readonly string[]>();
  for (const file of files) for (const [year, y] of Object.entries(file.years)) table.set(Number(year), y.deadlines);
  return table;
}

/** One monthly return: the period it reports (`YYYY-MM`), the day it is due, and whether that day is official. */
export type FilingDeadline = { period: string; due: string; official: boolean };

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM` of the month after `period`. */
function monthAfter(period: string): { year: number; month: number } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? { year: y + 1, month: 1 } : { year: y, month: m + 1 };
}

/** The period reported in the month before (`year`, `month`). */
function periodBefore(year: number, month: number): string {
  return month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`;
}

function firstWorkdayFrom(day: string, calendar: WorkingCalendar): string {
  let d = day;
  for (let i = 0; i < 60 && !calendar.isWorkday(d); i++) d = nextDay(d);
  return d;
}

/**
 * The deadline in a month by the rule behind the tables (征管法实施细则 第109条, domain-fapiao §10.1): the 15th, moved
 * to the next working day when it is a rest day, then extended by the number of holiday days when days 1–14 hold a
 * public holiday of three or more consecutive rest days. The extension counts working days: that is how the
 * published 2026 table reads (January's 3-day New Year holiday gives the 20th, not the 19th, and May's 5-day Labour
 * Day holiday the 22nd, not the 20th). On China's calendar any run of three or more rest days is a public holiday,
 * since a weekend alone is two. Used only where no official table exists, and then labelled provisional.
 * @example ruleDeadline(2026, 5, calendar) // '2026-05-22'
 */
export function ruleDeadline(year: number, month: number, calendar: WorkingCalendar): string {
  const fifteenth = `${year}-${pad(month)}-15`;
  let holidayDays = 0;
  let day = `${year}-${pad(month)}-01`;
  while (day < fifteenth) {
    if (calendar.isWorkday(day)) {
      day = nextDay(day);
      continue;
    }
    // A run of rest days counts by its full length (it may begin in the previous month or end after the 14th),
    // but extends the deadline only by its days inside days 1–14.
    let length = 0;
    for (let d = previousDay(day); length < 31 && !calendar.isWorkday(d); d = previousDay(d)) length += 1;
    let inside = 0;
    for (; !calendar.isWorkday(day) && length < 62; day = nextDay(day)) {
      length += 1;
      if (day < fifteenth) inside += 1;
    }
    if (length >= 3) holidayDays += inside;
  }
  let due = firstWorkdayFrom(fifteenth, calendar);
  for (let i = 0; i < holidayDays; i++) due = firstWorkdayFrom(nextDay(due), calendar);
  return due;
}

function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The deadline that falls in (`year`, `month`): the official one when the table has the year, else the rule's. */
export function deadlineIn(
  table: FilingTable,
  calendar: WorkingCalendar,
  year: number,
  month: number,
): { due: string; official: boolean } {
  const official = table.get(year)?.[month - 1];
  return official ? { due: official, official: true } : { due: ruleDeadline(year, month, calendar), official: false };
}

/**
 * The return a period (`YYYY-MM`) belongs to: it is filed in the next month, by that month's deadline. An invoice
 * issued in month M counts toward the M return; one received in M can be confirmed for deduction for M until the
 * same deadline (domain-fapiao §10.2).
 * @example periodDeadline(table, calendar, '2026-11') // { period: '2026-11', due: '2026-12-15', official: true }
 */
export function periodDeadline(table: FilingTable, calendar: WorkingCalendar, period: string): FilingDeadline {
  const { year, month } = monthAfter(period);
  return { period, ...deadlineIn(table, calendar, year, month) };
}

/**
 * The return being prepared on `today`: last month's until this month's deadline has passed, then this month's.
 * @example currentReturn(table, calendar, '2026-12-02').period // '2026-11'
 */
export function currentReturn(table: FilingTable, calendar: WorkingCalendar, today: string): FilingDeadline {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const thisMonth = deadlineIn(table, calendar, y, m);
  const period = today <= thisMonth.due ? periodBefore(y, m) : today.slice(0, 7);
  return periodDeadline(table, calendar, period);
}

/** The return after `deadline`'s. */
export function nextReturn(table: FilingTable, calendar: WorkingCalendar, deadline: FilingDeadline): FilingDeadline {
  const { year, month } = monthAfter(deadline.period);
  return periodDeadline(table, calendar, `${year}-${pad(month)}`);
}

/**
 * Working days from `today` to `due`, both counted: 1 on the deadline itself, 0 once it has passed.
 * @example workingDaysLeft('2026-12-09', '2026-12-15', calendar) // 5 (9, 10, 11, 14 and 15 December)
 */
export function workingDaysLeft(today: string, due: string, calendar: WorkingCalendar): number {
  let n = 0;
  for (let d = today; d <= due; d = nextDay(d)) if (calendar.isWorkday(d)) n += 1;
  return n;
}

/** True when the table has the official deadlines of `year`. */
export function hasOfficialYear(table: FilingTable, year: number): boolean {
  return table.has(year);
}
