// Time-zone offsets from the platform's tz database via Intl, cached per zone and per quarter hour. Converting
// millions of import rows with TZDate spent most of its time recomputing the same offset; offsets only change at
// transitions, which fall on quarter hours in every zone in use.
const formatters = new Map<string, Intl.DateTimeFormat>();
// Per zone, offsets by quarter-hour bucket: numeric keys, no key string to build per call.
const caches = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 900_000;
// The last answer: an import converts many times in a row in one zone and, mostly, one day.
let last = { zone: '', bucket: Number.NaN, offset: 0 };

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
  const bucket = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
  if (bucket === last.bucket && zone === last.zone) return last.offset;
  let cache = caches.get(zone);
  if (!cache) {
    cache = new Map();
    caches.set(zone, cache);
  }
  let offset = cache.get(bucket);
  if (offset === undefined) {
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
    offset = Math.round((wall - bucket) / 60_000);
    if (cache.size > 100_000) cache.clear();
    cache.set(bucket, offset);
  }
  last = { zone, bucket, offset };
  return offset;
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
