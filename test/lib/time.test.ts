import { describe, expect, it } from 'vitest';
import { formatLocal, localDay, parseLocalTime, toLocalIso } from '../../src/lib/time.js';

describe('time helpers', () => {
  it.each([
    ['2026-03-02 10:15:00', 'Asia/Shanghai', '2026-03-02T02:15:00.000Z'],
    ['2026-03-02', 'Asia/Shanghai', '2026-03-01T16:00:00.000Z'],
    ['20260302', 'Asia/Shanghai', '2026-03-01T16:00:00.000Z'],
    ['2026年3月2日', 'Asia/Shanghai', '2026-03-01T16:00:00.000Z'],
    ['2026-03-02T10:15:00+08:00', 'America/New_York', '2026-03-02T02:15:00.000Z'],
    ['2026-07-01 12:00', 'America/New_York', '2026-07-01T16:00:00.000Z'],
    ['2026-01-01 12:00', 'America/New_York', '2026-01-01T17:00:00.000Z'],
    // 02:30 does not exist on 2026-03-08 in New York (clocks jump 02:00 → 03:00).
    ['2026-03-08 02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
  ])('reads %s in %s', (text, zone, iso) => {
    expect(parseLocalTime(text, zone)?.toISOString()).toBe(iso);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-01-01 24:00', 'yesterday'])('rejects %s', (text) => {
    expect(parseLocalTime(text, 'Asia/Shanghai')).toBeUndefined();
  });

  it('writes local ISO times, days and short times in the zone', () => {
    const d = new Date('2026-03-01T17:00:00Z');
    expect(toLocalIso(d, 'Asia/Shanghai')).toBe('2026-03-02T01:00:00+08:00');
    expect(localDay(d, 'Asia/Shanghai')).toBe('2026-03-02');
    expect(formatLocal(d, 'Asia/Shanghai')).toBe('2026-03-02 01:00');
    expect(toLocalIso(new Date('2026-07-01T16:00:00Z'), 'America/New_York')).toBe('2026-07-01T12:00:00-04:00');
    expect(toLocalIso(new Date('2026-01-01T03:30:00Z'), 'Asia/Kolkata')).toBe('2026-01-01T09:00:00+05:30');
  });
});

describe('formatLocal and localDay against Intl', () => {
  // What Intl (ICU's zone data) writes for the same instant, as `YYYY-MM-DD HH:mm`.
  function intlLocal(ms: number, zone: string): string {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
        .formatToParts(ms)
        .map((p) => [p.type, p.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  }

  it('writes the wall clock Intl writes, across DST changes, half-hour zones, leap days and 1970', () => {
    const zones = [
      'Asia/Shanghai',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'Pacific/Chatham',
      'UTC',
    ];
    const instants = [
      Date.UTC(2024, 1, 29, 15, 59), // a leap day
      Date.UTC(1969, 11, 31, 23, 59), // before 1970
      Date.UTC(2026, 2, 8, 6, 59), // New York: the minute before clocks go forward
      Date.UTC(2026, 2, 8, 7, 0),
      Date.UTC(2026, 10, 1, 5, 59), // and back
      Date.UTC(2026, 10, 1, 6, 0),
      Date.UTC(2026, 3, 4, 14, 59), // Lord Howe: back half an hour
      Date.UTC(2026, 3, 4, 15, 0),
      Date.UTC(2026, 11, 31, 15, 59), // the last minute of a year in Beijing
      Date.UTC(2026, 11, 31, 16, 0),
    ];
    // And a spread of instants from 1990 to 2060, a prime step apart so that they fall at every time of day.
    for (let ms = Date.UTC(1990, 0, 1); ms < Date.UTC(2060, 0, 1); ms += 7_919 * 60_000 * 13) instants.push(ms);
    for (const zone of zones)
      for (const ms of instants) {
        const want = intlLocal(ms, zone);
        expect(formatLocal(new Date(ms), zone), `${new Date(ms).toISOString()} ${zone}`).toBe(want);
        expect(formatLocal(new Date(ms).toISOString(), zone)).toBe(want);
        expect(localDay(new Date(ms), zone)).toBe(want.slice(0, 10));
      }
  });
});
