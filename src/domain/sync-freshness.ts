import type { Coverage } from './invoice.js';

/**
 * The most recent tax import, by import time (not by the dates it covers: a re-export of an old range is still the
 * latest sync).
 * @example latestImport([{ importedAt: '2026-11-26T09:00:00Z', … }, { importedAt: '2026-11-27T09:00:00Z', … }]) // the second
 */
export function latestImport(coverage: readonly Coverage[]): Coverage | undefined {
  return coverage.reduce<Coverage | undefined>((a, c) => (!a || c.importedAt > a.importedAt ? c : a), undefined);
}

/**
 * True when the tax data is too old to trust: never synced, or synced more than `staleSyncHours` ago (exactly
 * `staleSyncHours` old is still fresh).
 * @example isStale({ importedAt: '2026-11-25T09:00:00Z', … }, new Date('2026-11-27T09:00:01Z'), 48) // true
 */
export function isStale(last: Pick<Coverage, 'importedAt'> | undefined, now: Date, staleSyncHours: number): boolean {
  return !last || now.getTime() - Date.parse(last.importedAt) > staleSyncHours * 3_600_000;
}
