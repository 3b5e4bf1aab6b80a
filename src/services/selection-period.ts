import type { WorkingCalendar } from '../domain/business-time.js';
import { currentReturn, type FilingTable } from '../domain/filing-calendar.js';
import { localDay } from '../lib/time.js';

/**
 * The period a deduction-selection export taken at `now` is for: selection is open for the return being prepared
 * then (last month's until this month's deadline, domain-fapiao §10.2).
 * @example selectionPeriod(table, calendar, 'Asia/Shanghai')(new Date('2026-12-09T02:00:00Z')) // '2026-11'
 */
export function selectionPeriod(table: FilingTable, calendar: WorkingCalendar, zone: string): (now: Date) => string {
  return (now) => currentReturn(table, calendar, localDay(now, zone)).period;
}
