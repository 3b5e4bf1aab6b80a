// Time-zone offsets from the platform's tz database via Intl, cached per zone and per quarter hour. Converting
// millions of import rows with TZDate spent most of its time recomputing the same offset; offsets only change at
// transitions, which fall on quarter hours in every zone in use.
const formatters = new Map<string, Intl.DateTimeFormat>();
// Per zone, offsets by quarter-hour number since 1970: a small integer key (a V8 Smi, hashed cheaply), no key string
// to build per call.
const caches = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 900_000;
const QUARTERS_A_DAY = 96;
// The last answer: an import converts many times in a row in one zone.
let lastZone = '';
let lastQuarter = Number.NaN;
let lastOffset = 0;

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * The offset of `zone` from UTC, in minutes, at the instant `ms`.
 * @example zoneOffsetMinutes(Date.UTC(2026, 0, 1), 'Asia/Shanghai') // 480
 */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  const quarter = Math.floor(ms / QUARTER_HOUR);
  if (quarter === lastQuarter && zone === lastZone) return lastOffset;
  let cache = caches.get(zone);
  if (!cache) {
    cache = new Map();
    caches.set(zone, cache);
  }
  // Days first (negative keys): a day whose first and last quarter hours have one offset has it throughout (no zone
  // changes its offset twice in a day), so a year of import rows asks Intl ~730 times, not once per quarter hour.
  const day = Math.floor(quarter / QUARTERS_A_DAY);
  let offset = cache.get(-1 - day);
  if (offset === undefined) {
    const first = offsetAt(day * QUARTERS_A_DAY, zone);
    offset = first === offsetAt(day * QUARTERS_A_DAY + QUARTERS_A_DAY - 1, zone) ? first : Number.NaN;
    if (cache.size > 100_000) cache.clear();
    cache.set(-1 - day, offset);
  }
  if (Number.isNaN(offset)) {
    offset = cache.get(quarter);
    if (offset === undefined) {
      offset = offsetAt(quarter, zone);
      cache.set(quarter, offset);
    }
  }
  lastZone = zone;
  lastQuarter = quarter;
  lastOffset = offset;
  return offset;
}

// The offset at the start of a quarter hour, from Intl.
function offsetAt(quarter: number, zone: string): number {
  const bucket = quarter * QUARTER_HOUR;
  const p = Object.fromEntries(
    formatter(zone)
      .formatToParts(new Date(bucket))
      .map((x) => [x.type, x.value]),
  );
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((wall - bucket) / 60_000);
}

/**
 * The UTC instant of a wall-clock time in `zone` (for a time skipped by a DST jump, the instant after the jump).
 * @example wallTimeToUtc(2026, 3, 2, 10, 15, 0, 'Asia/Shanghai') // Date.UTC(2026, 2, 2, 2, 15)
 */
export function wallTimeToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  zone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const candidates = [wall - zoneOffsetMinutes(wall, zone) * 60_000];
  candidates.push(wall - zoneOffsetMinutes(candidates[0] as number, zone) * 60_000);
  // The candidate whose wall clock reads back as asked; in a DST gap neither does, and the later one is meant.
  const exact = candidates.find((c) => c + zoneOffsetMinutes(c, zone) * 60_000 === wall);
  return exact ?? Math.max(...candidates);
}
