import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns';

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
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((v) => v ?? '0');
  const date = new TZDate(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), zone);
  // TZDate rolls 2026-02-30 over to March; a real calendar date must read back unchanged.
  const ok =
    date.getFullYear() === Number(y) &&
    date.getMonth() === Number(mo) - 1 &&
    date.getDate() === Number(d) &&
    date.getHours() === Number(h) &&
    date.getMinutes() === Number(mi);
  return ok ? new Date(date.getTime()) : undefined;
}

/**
 * ISO 8601 with the zone's offset, the form stored in data files so a person reads the local time.
 * @example toLocalIso(new Date('2026-03-02T02:15:00Z'), 'Asia/Shanghai') // '2026-03-02T10:15:00+08:00'
 */
export function toLocalIso(date: Date, zone: string): string {
  return format(date, "yyyy-MM-dd'T'HH:mm:ssxxx", { in: tz(zone) });
}

/**
 * The calendar day in `zone`, as `YYYY-MM-DD`.
 * @example localDay(new Date('2026-03-01T17:00:00Z'), 'Asia/Shanghai') // '2026-03-02'
 */
export function localDay(date: Date, zone: string): string {
  return format(date, 'yyyy-MM-dd', { in: tz(zone) });
}

/**
 * A short local time for people: `2026-03-02 10:15`.
 * @example formatLocal(new Date('2026-03-02T02:15:00Z'), 'Asia/Shanghai') // '2026-03-02 10:15'
 */
export function formatLocal(date: Date | string, zone: string): string {
  return format(typeof date === 'string' ? new Date(date) : date, 'yyyy-MM-dd HH:mm', { in: tz(zone) });
}
