import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { healthReport } from '../../src/domain/health-report.js';
import { homeStatus } from '../../src/domain/home-status.js';

const tax = { importedAt: '2026-11-26T01:00:00.000Z', from: '2026-11-01', to: '2026-11-25', file: 'tax.csv', rows: 14 };
const report = healthReport({
  mode: 'http',
  records: { ledger: 17, tax: 14 },
  coverage: [tax],
  lastLedgerImport: undefined,
  staleSyncHours: 48,
  now: new Date('2026-11-27T07:00:00Z'),
});

describe('homeStatus', () => {
  it.each<[Actor, boolean]>([
    [{ userId: 'U1', role: 'employee' }, false],
    [{ userId: 'UFIN', role: 'finance' }, true],
    [{ userId: 'UADM', role: 'admin' }, true],
  ])('gives %j the record counts: %s, and the last syncs always', (viewer, counts) => {
    const status = homeStatus(viewer, report);
    expect(status.lastSync).toEqual(report.lastSync);
    expect(status.records).toEqual(counts ? { ledger: 17, tax: 14 } : undefined);
    expect('records' in status).toBe(counts);
  });

  it('does not mutate the report', () => {
    const before = structuredClone(report);
    homeStatus({ userId: 'U1', role: 'employee' }, report);
    expect(report).toEqual(before);
  });
});
