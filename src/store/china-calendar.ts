import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { z } from 'zod';
import type { WorkingCalendar } from '../domain/business-time.js';
import { CorruptDataError } from './corrupt-data-error.js';

// chinese-days ships its data as JSON: `holidays` and `workdays` (调休 make-up days) keyed by YYYY-MM-DD.
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

const Overrides = z.object({
  holidays: z.array(z.iso.date()).default([]),
  workdays: z.array(z.iso.date()).default([]),
  /** Years the override file fully describes, for years the package does not cover yet. */
  years: z.array(z.number().int()).default([]),
});

/** China's working calendar, and whether a year is covered by real holiday data. */
export type ChinaCalendar = WorkingCalendar & { covers(year: number): boolean; lastPackageYear: number };

/**
 * China's working days from the maintained `chinese-days` package, corrected by `DATA_DIR/workdays.json` (admins
 * add next year's State Council schedule there before the package catches up). For a year neither covers, it falls
 * back to Monday–Friday and `covers(year)` is false so the bot can warn admins: the package itself silently
 * treats every weekday of an unknown year as a workday.
 */
export async function loadChinaCalendar(dataDir: string): Promise<ChinaCalendar> {
  const file = join(dataDir, 'workdays.json');
  const text = await readFile(file, 'utf8').catch(() => '{}');
  let parsed: z.infer<typeof Overrides>;
  try {
    parsed = Overrides.parse(JSON.parse(text));
  } catch (error) {
    throw new CorruptDataError(file, error instanceof Error ? error.message.slice(0, 200) : String(error));
  }
  const holidays = new Set(parsed.holidays);
  const workdays = new Set(parsed.workdays);
  const lastPackageYear = Math.max(...Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));
  const years = new Set(parsed.years);
  return {
    lastPackageYear,
    covers: (year) => year <= lastPackageYear || years.has(year),
    isWorkday(day) {
      if (workdays.has(day)) return true;
      if (holidays.has(day)) return false;
      if (Number(day.slice(0, 4)) <= lastPackageYear) {
        if (day in data.workdays) return true;
        if (day in data.holidays) return false;
      }
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    },
  };
}
