import { describe, expect, it } from 'vitest';
import { type HealthFacts, healthReport } from '../../src/domain/health-report.js';
import { coverage } from '../helpers/fixtures.js';

const older = coverage('2026-01-01', '2026-11-26', '2026-11-26T01:00:00.000Z');
const latest = coverage('2026-11-01', '2026-11-20', '2026-11-27T01:00:00.000Z');
const ledgerImport = coverage('2026-01-01', '2026-11-27', '2026-11-27T02:00:00.000Z');

const facts: HealthFacts = {
  mode: 'http',
  records: { ledger: 12, tax: 10 },
  coverage: [latest, older],
  lastLedgerImport: ledgerImport,
  staleSyncHours: 48,
  now: new Date('2026-11-27T07:00:00Z'),
};

describe('healthReport', () => {
  it('reports the mode, the counts and the last syncs', () => {
    expect(healthReport(facts)).toEqual({
      ok: true,
      mode: 'http',
      records: { ledger: 12, tax: 10 },
      lastSync: { tax: latest, ledger: ledgerImport, stale: false, staleAfterHours: 48 },
    });
  });

  it('calls the tax data stale once the last import is older than the limit', () => {
    expect(healthReport({ ...facts, now: new Date('2026-11-29T01:00:00Z') }).lastSync.stale).toBe(false);
    expect(healthReport({ ...facts, now: new Date('2026-11-29T01:00:01Z') }).lastSync.stale).toBe(true);
  });

  it('says null, and stale, before anything was imported', () => {
    expect(healthReport({ ...facts, coverage: [], lastLedgerImport: undefined }).lastSync).toEqual({
      tax: null,
      ledger: null,
      stale: true,
      staleAfterHours: 48,
    });
  });
});
