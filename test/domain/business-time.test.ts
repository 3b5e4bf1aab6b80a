import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween } from '../../src/domain/business-time.js';
import { loadChinaCalendar } from '../../src/store/china-calendar.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const hours = { start: 540, end: 1080 };
const zone = 'Asia/Shanghai';
const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('business time on China’s working calendar', () => {
  const tempDir = useTempDirs();

  it('counts only working hours of working days', async () => {
    const calendar = await loadChinaCalendar(await tempDir());
    // Friday 17:00 + 2 business hours → Monday 10:00.
    expect(local(addBusinessMinutes(new Date('2026-11-27T17:00:00+08:00'), 120, calendar, hours, zone))).toBe(
      '2026-11-30 10:00',
    );
    // Before opening: starts counting at 09:00.
    expect(local(addBusinessMinutes(new Date('2026-11-30T07:00:00+08:00'), 60, calendar, hours, zone))).toBe(
      '2026-11-30 10:00',
    );
  });

  it('works on 调休 Saturdays and skips the Spring Festival', async () => {
    const calendar = await loadChinaCalendar(await tempDir());
    // Fri 2026-02-13 17:00 + 2 h: Sat 2026-02-14 is a make-up workday.
    expect(local(addBusinessMinutes(new Date('2026-02-13T17:00:00+08:00'), 120, calendar, hours, zone))).toBe(
      '2026-02-14 10:00',
    );
    // Sat 2026-02-14 17:00 + 2 h: Feb 15–23 are the holiday; next workday is Tue Feb 24.
    expect(local(addBusinessMinutes(new Date('2026-02-14T17:00:00+08:00'), 120, calendar, hours, zone))).toBe(
      '2026-02-24 10:00',
    );
  });

  it('skips National Day and works the make-up Saturday after it', async () => {
    const calendar = await loadChinaCalendar(await tempDir());
    // Wed 2026-09-30 17:00 + 2 h: Oct 1–7 off (Oct 8 is a Thursday and a workday).
    expect(local(addBusinessMinutes(new Date('2026-09-30T17:00:00+08:00'), 120, calendar, hours, zone))).toBe(
      '2026-10-08 10:00',
    );
    expect(calendar.isWorkday('2026-10-10')).toBe(true);
    expect(calendar.isWorkday('2026-09-20')).toBe(true);
  });

  it('falls back to Monday–Friday beyond the package’s data and says so, unless an override covers the year', async () => {
    const dir = await tempDir();
    const bare = await loadChinaCalendar(dir);
    expect(bare.covers(2027)).toBe(false);
    expect(bare.isWorkday('2027-01-01')).toBe(true);
    await writeFile(
      join(dir, 'workdays.json'),
      JSON.stringify({ years: [2027], holidays: ['2027-01-01'], workdays: ['2027-01-02'] }),
    );
    const patched = await loadChinaCalendar(dir);
    expect(patched.covers(2027)).toBe(true);
    expect(patched.isWorkday('2027-01-01')).toBe(false);
    expect(patched.isWorkday('2027-01-02')).toBe(true);
  });

  // A plain Monday–Friday calendar, so these cases read without the holiday data.
  const weekdays = { isWorkday: (day: string) => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()) };

  it('starts counting at the next opening when asked after hours', () => {
    // Thursday 19:00 + 1 business hour → Friday 10:00, not Thursday 20:00 or later on Friday.
    expect(local(addBusinessMinutes(new Date('2026-11-26T19:00:00+08:00'), 60, weekdays, hours, zone))).toBe(
      '2026-11-27 10:00',
    );
  });

  it('carries what is left of a day into the next working day', () => {
    // Thursday 16:30 + 4 h: 1.5 h on Thursday, 2.5 h on Friday.
    expect(local(addBusinessMinutes(new Date('2026-11-26T16:30:00+08:00'), 240, weekdays, hours, zone))).toBe(
      '2026-11-27 11:30',
    );
  });

  it('says so, instead of looping for ever, when the calendar has no working day', () => {
    const never = { isWorkday: () => false };
    expect(() => addBusinessMinutes(new Date('2026-11-26T10:00:00+08:00'), 60, never, hours, zone)).toThrow(
      /no working time within \d+ days of 2026-11-26T02:00:00.000Z: check the working calendar/,
    );
  });
});

describe('business minutes between two moments', () => {
  const tempDir = useTempDirs();

  it.each([
    ['2026-11-27T17:00', '2026-11-30T10:00', 120], // Friday evening to Monday morning
    ['2026-11-30T07:00', '2026-11-30T08:00', 0], // before opening
    ['2026-11-30T10:00', '2026-11-30T09:00', 0], // backwards
    ['2026-09-30T17:00', '2026-10-08T10:00', 120], // National Day (Oct 1–7) skipped
    ['2026-11-30T09:30', '2026-12-01T09:30', 540], // one full working day
  ])('%s → %s is %i minutes', async (from, to, minutes) => {
    const calendar = await loadChinaCalendar(await tempDir());
    expect(
      businessMinutesBetween(new Date(`${from}:00+08:00`), new Date(`${to}:00+08:00`), calendar, hours, zone),
    ).toBe(minutes);
  });

  it('inverts addBusinessMinutes', async () => {
    const calendar = await loadChinaCalendar(await tempDir());
    const from = new Date('2026-02-13T16:20:00+08:00');
    const to = addBusinessMinutes(from, 1234, calendar, hours, zone);
    expect(businessMinutesBetween(from, to, calendar, hours, zone)).toBe(1234);
  });
});
