import { describe, expect, it } from 'vitest';
import type { Coverage } from '../../src/domain/invoice.js';
import { isStale, latestImport } from '../../src/domain/sync-freshness.js';

const imported = (importedAt: string, from: string, to: string): Coverage => ({
  importedAt,
  from,
  to,
  file: 'tax.csv',
  rows: 1,
});

describe('latestImport', () => {
  it('picks the most recent import, not the one covering the latest dates', () => {
    const recentOld = imported('2026-11-27T01:00:00.000Z', '2026-10-01', '2026-10-31');
    const olderNew = imported('2026-11-26T01:00:00.000Z', '2026-11-01', '2026-11-26');
    expect(latestImport([olderNew, recentOld])).toBe(recentOld);
    expect(latestImport([recentOld, olderNew])).toBe(recentOld);
  });

  it('has none before the first import', () => {
    expect(latestImport([])).toBeUndefined();
  });
});

describe('isStale', () => {
  const last = { importedAt: '2026-11-25T09:00:00.000Z' };
  it.each([
    ['exactly 48 hours old', '2026-11-27T09:00:00.000Z', false],
    ['one ms older than that', '2026-11-27T09:00:00.001Z', true],
    ['fresh', '2026-11-25T10:00:00.000Z', false],
  ])('%s → %s', (_what, now, expected) => {
    expect(isStale(last, new Date(now), 48)).toBe(expected);
  });

  it('calls tax data that was never synced stale', () => {
    expect(isStale(undefined, new Date('2026-11-27T09:00:00.000Z'), 48)).toBe(true);
  });
});
