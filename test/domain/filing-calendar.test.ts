import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkingCalendar } from '../../src/domain/business-time.js';
import {
  currentReturn,
  deadlineIn,
  FilingCalendarFile,
  nextReturn,
  periodDeadline,
  ruleDeadline,
  toFilingTable,
  workingDaysLeft,
} from '../../src/domain/filing-calendar.js';
import { loadChinaCalendar } from '../../src/store/china-calendar.js';
import { loadFilingTable } from '../../src/store/filing-calendar-file.js';
import { useTempDirs } from '../helpers/temp-dir.js';

// 国家税务总局办公厅 税总办征科函〔2025〕64号 (domain-fapiao §10.1), written out here rather than read from the shipped
// file, so a slip in data/filing-calendar.json fails this test.
const OFFICIAL_2026 = [
  '2026-01-20',
  '2026-02-24',
  '2026-03-16',
  '2026-04-20',
  '2026-05-22',
  '2026-06-15',
  '2026-07-15',
  '2026-08-17',
  '2026-09-15',
  '2026-10-26',
  '2026-11-16',
  '2026-12-15',
];
const months = OFFICIAL_2026.map((due, i) => ({ month: i + 1, due }));

describe('the filing calendar', () => {
  const tempDir = useTempDirs();
  const load = async () => {
    const dir = await tempDir();
    return { table: await loadFilingTable(dir), calendar: await loadChinaCalendar(dir), dir };
  };

  it.each(months)('ships the official 2026 deadline of month $month: $due', async ({ month, due }) => {
    const { table, calendar } = await load();
    expect(deadlineIn(table, calendar, 2026, month)).toEqual({ due, official: true });
  });

  // The rule reproduces the whole 2026 table when the holiday extension counts working days. Read with calendar
  // days it would differ in January (19th: 15 + 3 = Sunday 18th → Monday 19th), May (20th) and October (22nd),
  // the three months whose first fortnight holds a long holiday; the table wins wherever the two disagree.
  it.each(months)('the rule on China’s working calendar gives month $month of 2026 as $due', async ({ month, due }) => {
    const { calendar } = await load();
    expect(ruleDeadline(2026, month, calendar)).toBe(due);
  });

  it('labels a year without an official table provisional and uses the rule for it', async () => {
    const { table, calendar } = await load();
    // January 2027: the package has no 2027 holidays, so Monday–Friday; Friday 15 January stays.
    expect(deadlineIn(table, calendar, 2027, 1)).toEqual({ due: '2027-01-15', official: false });
    expect(periodDeadline(table, calendar, '2026-12')).toEqual({
      period: '2026-12',
      due: '2027-01-15',
      official: false,
    });
  });

  it('moves a deadline on a rest day to the next working day, and extends it by a long holiday', () => {
    // Hypothetical calendar: weekends off, plus 2030-03-03..05 off (a three-day holiday Sunday–Tuesday).
    const off = new Set(['2030-03-04', '2030-03-05']);
    const calendar: WorkingCalendar = {
      isWorkday: (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) && !off.has(d),
    };
    // Sat 2 – Tue 5 March: 4 rest days → Friday 15th + 4 working days = Thursday 21st.
    expect(ruleDeadline(2030, 3, calendar)).toBe('2030-03-21');
    // June 2030: the 15th is a Saturday → Monday 17th; a plain weekend is no holiday.
    expect(ruleDeadline(2030, 6, calendar)).toBe('2030-06-17');
  });

  it('a long holiday that began in the previous month counts its days inside this month', () => {
    const off = new Set(['2031-03-31', '2031-04-01']);
    const calendar: WorkingCalendar = {
      isWorkday: (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) && !off.has(d),
    };
    // Sat 29 March – Tue 1 April: 4 rest days, one of them in April → Tuesday 15th + 1 = Wednesday 16th.
    expect(ruleDeadline(2031, 4, calendar)).toBe('2031-04-16');
  });

  it.each([
    { today: '2026-12-02', period: '2026-11', due: '2026-12-15' },
    { today: '2026-12-15', period: '2026-11', due: '2026-12-15' },
    { today: '2026-12-16', period: '2026-12', due: '2027-01-15' },
    { today: '2026-01-05', period: '2025-12', due: '2026-01-20' },
    { today: '2026-10-20', period: '2026-09', due: '2026-10-26' },
  ])('on $today the $period return is being prepared, due $due', async ({ today, period, due }) => {
    const { table, calendar } = await load();
    const current = currentReturn(table, calendar, today);
    expect(current).toMatchObject({ period, due });
  });

  it('the next return follows the current one', async () => {
    const { table, calendar } = await load();
    const current = currentReturn(table, calendar, '2026-11-20');
    expect(nextReturn(table, calendar, current)).toEqual({ period: '2026-12', due: '2027-01-15', official: false });
  });

  it.each([
    { today: '2026-12-09', left: 5 },
    { today: '2026-12-15', left: 1 },
    { today: '2026-12-16', left: 0 },
    // Saturday 12 December is not a working day: Mon 14 and Tue 15 remain.
    { today: '2026-12-12', left: 2 },
    // From Friday 13 February: the make-up Saturday 14th, then the Spring Festival until the 24th.
    { today: '2026-02-13', left: 3 },
  ])('counts working days left from $today', async ({ today, left }) => {
    const { calendar } = await load();
    const due = today < '2026-03-01' ? '2026-02-24' : '2026-12-15';
    expect(workingDaysLeft(today, due, calendar)).toBe(left);
  });

  it('adds the years admins put in DATA_DIR/filing-calendar.json', async () => {
    const dir = await tempDir();
    const deadlines = Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}-18`);
    await writeFile(
      join(dir, 'filing-calendar.json'),
      JSON.stringify({ years: { 2027: { source: 'test', deadlines } } }),
    );
    const table = await loadFilingTable(dir);
    const calendar = await loadChinaCalendar(dir);
    expect(deadlineIn(table, calendar, 2027, 3)).toEqual({ due: '2027-03-18', official: true });
    expect(deadlineIn(table, calendar, 2026, 3)).toEqual({ due: '2026-03-16', official: true });
  });

  it('a bad edit stops the bot naming the file and the field', async () => {
    const dir = await tempDir();
    const deadlines = Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}-18`);
    deadlines[3] = '2027-05-18';
    const file = join(dir, 'filing-calendar.json');
    await writeFile(file, JSON.stringify({ years: { 2027: { source: 'test', deadlines } } }));
    await expect(loadFilingTable(dir)).rejects.toThrow(
      `${file} is corrupt (at years.2027.deadlines.3: must be a day in 2027-04`,
    );
    await writeFile(file, '{"years": {"2027": {"source": "x", "deadlines": []}}}');
    await expect(loadFilingTable(dir)).rejects.toThrow('years.2027.deadlines');
  });

  it('accepts a file with no years and does not mutate what it is given', () => {
    const file = FilingCalendarFile.parse({ years: {} });
    const frozen = Object.freeze({ years: Object.freeze({}) });
    expect(toFilingTable(file, frozen).size).toBe(0);
  });
});
