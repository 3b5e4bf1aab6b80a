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

/**
 * The calendar day in `zone`, as `YYYY-MM-DD`.
 * @example localDay(new Date('2026-03-01T17:00:00Z'), 'Asia/Shanghai') // '2026-03-02'
 */
export function localDay(date: Date, zone: string): string {
  return wall(date, zoneOffsetMinutes(date.getTime(), zone)).slice(0, 10);
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
  const d = typeof date === 'string' ? new Date(date) : date;
  return wall(d, zoneOffsetMinutes(d.getTime(), zone)).slice(0, 16).replace('T', ' ');
}
