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
