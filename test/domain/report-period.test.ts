import { describe, expect, it } from 'vitest';
import { parsePeriod, weekStart, weeksOf } from '../../src/domain/report-period.js';

const zone = 'Asia/Shanghai';
// Friday 2026-11-27 15:00 in Beijing.
const now = new Date('2026-11-27T15:00:00+08:00');
const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const shown = (p: { from: Date; to: Date }) => `${local(p.from)} → ${local(p.to)}`;

describe('report periods', () => {
  it.each([
    ['', '2026-11-23 00:00 → 2026-11-30 00:00', '2026-11-16 00:00 → 2026-11-23 00:00'],
    ['this-week', '2026-11-23 00:00 → 2026-11-30 00:00', '2026-11-16 00:00 → 2026-11-23 00:00'],
    ['上周', '2026-11-16 00:00 → 2026-11-23 00:00', '2026-11-09 00:00 → 2026-11-16 00:00'],
    ['this-month', '2026-11-01 00:00 → 2026-12-01 00:00', '2026-10-01 00:00 → 2026-11-01 00:00'],
    ['LAST-MONTH', '2026-10-01 00:00 → 2026-11-01 00:00', '2026-09-01 00:00 → 2026-10-01 00:00'],
    ['2026-11-01..2026-11-10', '2026-11-01 00:00 → 2026-11-11 00:00', '2026-10-22 00:00 → 2026-11-01 00:00'],
  ])('%j → %s, previous %s', (text, period, previous) => {
    const read = parsePeriod(text, now, zone);
    if (!read.ok) throw new Error(read.error.code);
    expect(shown(read.value)).toBe(period);
    expect(shown(read.value.previous)).toBe(previous);
  });

  it('crosses a year going back a month', () => {
    const read = parsePeriod('last-month', new Date('2027-01-05T10:00:00+08:00'), zone);
    expect(read.ok && shown(read.value)).toBe('2026-12-01 00:00 → 2027-01-01 00:00');
  });

  it.each([
    ['yesterday', 'unknown_period'],
    ['2026-11-10..2026-11-01', 'reversed_range'],
    ['2026-02-30..2026-03-01', 'bad_range'],
    ['2026-13-01..2026-13-02', 'bad_range'],
    ['2024-01-01..2026-01-01', 'range_too_long'],
  ])('refuses %j (%s)', (text, code) => {
    const read = parsePeriod(text, now, zone);
    expect(read.ok ? 'ok' : read.error.code).toBe(code);
  });

  it('starts weeks on Monday and clips them to the period', () => {
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    const weeks = weeksOf(
      { from: new Date('2026-11-18T00:00:00+08:00'), to: new Date('2026-12-02T00:00:00+08:00') },
      zone,
    );
    expect(weeks.map(shown)).toEqual([
      '2026-11-18 00:00 → 2026-11-23 00:00',
      '2026-11-23 00:00 → 2026-11-30 00:00',
      '2026-11-30 00:00 → 2026-12-02 00:00',
    ]);
  });
});
