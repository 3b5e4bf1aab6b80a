import { zoneOffsetMinutes } from '../lib/zone-offset.js';

const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const offsetTexts = new Map<number, string>();

const pad = (n: number) => String(n).padStart(2, '0');

// The number written by the two digits at `i` (a plain function: tsx wraps each closure made in a call).
function twoDigits(text: string, i: number): number {
  return (text.charCodeAt(i) - 48) * 10 + text.charCodeAt(i + 1) - 48;
}

/**
 * `toLocalIso(parseLocalTime(text, zone), zone)` without regular expressions or Dates, for the one form export files
 * give every row's time in, `YYYY-MM-DD HH:mm:ss`. Undefined for any other text, for a date that does not exist, and
 * for a time the zone's clocks skip: the general path then decides (checking a million import rows spent a fifth of
 * its time in it).
 * @example plainLocalIso('2026-03-02 10:15:00', 'Asia/Shanghai') // '2026-03-02T10:15:00+08:00'
 */
export function plainLocalIso(text: string, zone: string): string | undefined {
  if (text.length !== 19 || text[4] !== '-' || text[7] !== '-' || text[10] !== ' ') return undefined;
  if (text[13] !== ':' || text[16] !== ':') return undefined;
  for (const i of DIGIT_AT) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const y = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const mo = twoDigits(text, 5);
  const d = twoDigits(text, 8);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = mo === 2 && leap ? 29 : (DAYS_IN_MONTH[mo - 1] ?? 0);
  // Years before 1000 are left to the general path (Date.UTC reads years below 100 as 19xx).
  if (y < 1000 || d < 1 || d > days || twoDigits(text, 11) > 23 || twoDigits(text, 14) > 59 || twoDigits(text, 17) > 59)
    return undefined;
  const wall = Date.UTC(y, mo - 1, d, twoDigits(text, 11), twoDigits(text, 14), twoDigits(text, 17));
  const offset = zoneOffsetMinutes(wall, zone);
  const utc = wall - offset * 60_000;
  // The offset at the instant this gives is the one assumed: then the general path reaches the same instant (its
  // first candidate), and the wall time reads back unchanged. Otherwise (a time the clocks skip) it decides.
  if (zoneOffsetMinutes(utc, zone) !== offset) return undefined;
  let suffix = offsetTexts.get(offset);
  if (suffix === undefined) {
    const abs = Math.abs(offset);
    suffix = `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    offsetTexts.set(offset, suffix);
  }
  return `${text.slice(0, 10)}T${text.slice(11)}${suffix}`;
}
