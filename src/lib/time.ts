import { wallTimeToUtc, zoneOffsetMinutes } from './zone-offset.js';

const LOCAL = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Reads a time given as ISO 8601 with an offset, or as a wall-clock date/time in `zone`
 * (`2026-03-02 10:15:00`, `2026-03-02`, `20260302`, `2026年3月2日`). Returns undefined when it is not a real time.
 * @example parseLocalTime('2026-03-02 10:15:00', 'Asia/Shanghai')?.toISOString() // '2026-03-02T02:15:00.000Z'
 */
export function parseLocalTime(text: string, zone: string): Date | undefined {
  const t = text.trim();
  if (ISO_WITH_OFFSET.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? undefined : new Date(ms);
  }
  const m = LOCAL.exec(t) ?? COMPACT.exec(t);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [...m.slice(1), '0', '0', '0'].slice(0, 6).map((v) => Number(v ?? '0')) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Date.UTC rolls 2026-02-30 over to March; a real calendar date must read back unchanged.
  const check = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const real =
    check.getUTCFullYear() === y &&
    check.getUTCMonth() === mo - 1 &&
    check.getUTCDate() === d &&
    check.getUTCHours() === h &&
    check.getUTCMinutes() === mi &&
    s < 60;
  return real ? new Date(wallTimeToUtc(y, mo, d, h, mi, s, zone)) : undefined;
}

/**
 * ISO 8601 with the zone's offset, the form stored in data files so a person reads the local time.
 * @example toLocalIso(new Date('2026-03-02T02:15:00Z'), 'Asia/Shanghai') // '2026-03-02T10:15:00+08:00'
 */
export function toLocalIso(date: Date, zone: string): string {
  const offset = zoneOffsetMinutes(date.getTime(), zone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wall(date, offset).slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

// The wall-clock time at `offset` minutes from UTC, as `YYYY-MM-DDTHH:mm:ss.sssZ`-shaped text (the Z is not meant).
function wall(date: Date, offset: number): string {
  return new Date(date.getTime() + offset * 60_000).toISOString();
}

const DAY_MS = 86_400_000;
// The wall-clock instants whose text is `YYYY-MM-DD…` (years 0000–9999); outside them `toISOString` writes six-digit
// years, and `wall` is asked instead.
const FIRST_MS = Date.parse('0000-01-01T00:00:00Z');
const LAST_MS = Date.parse('9999-12-31T23:59:59.999Z');
// `YYYY-MM-DD` by day number since 1970, kept once made: every lookup's card writes a handful of times (the issue
// time, the last sync, today), nearly all on a few hundred days, and a Date with its `toISOString` per time was 12 %
// of a lookup's CPU. Bounded: cleared when full.
const dayTexts = new Map<number, string>();
const MAX_DAY_TEXTS = 4096;
// `00`–`59`.
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

function dayText(day: number): string {
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayTexts.size >= MAX_DAY_TEXTS) dayTexts.clear();
    dayTexts.set(day, text);
  }
  return text;
}

// The wall-clock instant in `zone` (UTC milliseconds shifted by the zone's offset), or NaN when it has no
// `YYYY-MM-DD` form (an invalid date, a year beyond 9999): the callers then take the Date path, which throws or
// writes what it always did.
function wallMs(ms: number, zone: string): number {
  if (!Number.isFinite(ms)) return Number.NaN;
  const local = ms + zoneOffsetMinutes(ms, zone) * 60_000;
  return local >= FIRST_MS && local <= LAST_MS ? local : Number.NaN;
}

/**
 * The calendar day in `zone`, as `YYYY-MM-DD`.
 * @example localDay(new Date('2026-03-01T17:00:00Z'), 'Asia/Shanghai') // '2026-03-02'
 */
export function localDay(date: Date, zone: string): string {
  const local = wallMs(date.getTime(), zone);
  if (Number.isNaN(local)) return wall(date, zoneOffsetMinutes(date.getTime(), zone)).slice(0, 10);
  return dayText(Math.floor(local / DAY_MS));
}

/**
 * The local day a typed date or time names (any form {@link parseLocalTime} reads), so that days written differently
 * compare in order; undefined when it is not a real date.
 * @example parseLocalDay('20261101', 'Asia/Shanghai') // '2026-11-01'
 */
export function parseLocalDay(text: string, zone: string): string | undefined {
  const date = parseLocalTime(text, zone);
  return date && localDay(date, zone);
}

/**
 * A short local time for people: `2026-03-02 10:15`.
 * @example formatLocal(new Date('2026-03-02T02:15:00Z'), 'Asia/Shanghai') // '2026-03-02 10:15'
 */
export function formatLocal(date: Date | string, zone: string): string {
  const local = wallMs(typeof date === 'string' ? Date.parse(date) : date.getTime(), zone);
  if (Number.isNaN(local)) {
    const d = typeof date === 'string' ? new Date(date) : date;
    return wall(d, zoneOffsetMinutes(d.getTime(), zone)).slice(0, 16).replace('T', ' ');
  }
  const day = Math.floor(local / DAY_MS);
  const minutes = Math.floor((local - day * DAY_MS) / 60_000);
  return `${dayText(day)} ${TWO_DIGITS[Math.floor(minutes / 60)]}:${TWO_DIGITS[minutes % 60]}`;
}
