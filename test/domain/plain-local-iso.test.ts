import { describe, expect, it } from 'vitest';
import { plainLocalIso } from '../../src/domain/plain-local-iso.js';
import { parseLocalTime, toLocalIso } from '../../src/lib/time.js';

const general = (text: string, zone: string) => {
  const date = parseLocalTime(text, zone);
  return date && toLocalIso(date, zone);
};

describe('plainLocalIso', () => {
  it.each([
    ['2026-03-02 10:15:00', 'Asia/Shanghai', '2026-03-02T10:15:00+08:00'],
    ['2024-02-29 23:59:59', 'Asia/Shanghai', '2024-02-29T23:59:59+08:00'],
    ['2026-07-01 00:00:00', 'America/New_York', '2026-07-01T00:00:00-04:00'],
    ['2026-01-15 12:30:05', 'Asia/Kolkata', '2026-01-15T12:30:05+05:30'],
  ])('reads %s in %s as the general path does', (text, zone, expected) => {
    expect(plainLocalIso(text, zone)).toBe(expected);
    expect(general(text, zone)).toBe(expected);
  });

  it.each([
    ['2026-02-29 10:00:00', 'not a leap year'],
    ['2026-04-31 10:00:00', 'no 31st'],
    ['2026-13-01 10:00:00', 'no 13th month'],
    ['2026-01-01 24:00:00', 'no hour 24'],
    ['2026-01-01 10:60:00', 'no minute 60'],
    ['0050-01-01 10:00:00', 'a year Date.UTC reads as 1950'],
    ['2026-1-01 10:00:00', 'another form'],
    ['2026-01-01T10:00:00', 'ISO'],
    ['2026-03-08 02:30:00', 'a time New York skips'],
  ])('leaves %s (%s) to the general path', (text) => {
    expect(plainLocalIso(text, 'America/New_York')).toBeUndefined();
  });

  it('agrees with the general path at every quarter hour across two offset changes', () => {
    for (const zone of ['America/New_York', 'Europe/Berlin', 'Asia/Shanghai']) {
      for (let t = Date.UTC(2026, 2, 7); t < Date.UTC(2026, 2, 10); t += 900_000) {
        const text = new Date(t).toISOString().slice(0, 19).replace('T', ' ');
        const fast = plainLocalIso(text, zone);
        if (fast !== undefined) expect(fast).toBe(general(text, zone));
      }
      for (let t = Date.UTC(2026, 9, 24); t < Date.UTC(2026, 10, 3); t += 900_000) {
        const text = new Date(t).toISOString().slice(0, 19).replace('T', ' ');
        const fast = plainLocalIso(text, zone);
        if (fast !== undefined) expect(fast).toBe(general(text, zone));
      }
    }
  });
});
