import { describe, expect, it } from 'vitest';
import { healthReport } from '../../src/domain/health-report.js';
import { catalogFor } from '../../src/i18n/catalog-for.js';
import { formatters } from '../../src/i18n/formatters.js';

const tax = { importedAt: '2026-11-26T01:00:00.000Z', from: '2026-11-01', to: '2026-11-25', file: 'tax.csv', rows: 14 };
const coverage = [tax];
const facts = {
  mode: 'http',
  records: { ledger: 17, tax: 14 },
  coverage,
  lastLedgerImport: { ...tax, importedAt: '2026-11-26T02:00:00.000Z', file: 'ledger.csv', rows: 17 },
  staleSyncHours: 48,
};
const f = formatters('Asia/Shanghai');

describe('healthReport', () => {
  it('reports counts, the last syncs and freshness', () => {
    const report = healthReport({ ...facts, now: new Date('2026-11-27T07:00:00Z') });
    expect(report).toMatchObject({ ok: true, mode: 'http', records: { ledger: 17, tax: 14 } });
    expect(report.lastSync).toMatchObject({ tax: { to: '2026-11-25' }, ledger: { file: 'ledger.csv' }, stale: false });
  });

  it('calls tax data older than staleSyncHours stale, and no tax data at all too', () => {
    expect(healthReport({ ...facts, now: new Date('2026-11-29T07:00:00Z') }).lastSync.stale).toBe(true);
    const none = healthReport({ ...facts, coverage: [], lastLedgerImport: undefined, now: new Date() });
    expect(none.lastSync).toMatchObject({ tax: null, ledger: null, stale: true });
  });
});

describe('healthSummary', () => {
  const fresh = healthReport({ ...facts, now: new Date('2026-11-27T07:00:00Z') });
  const never = healthReport({ ...facts, coverage: [], lastLedgerImport: undefined, now: new Date() });

  it('says it in English', () => {
    expect(catalogFor('en').healthSummary(fresh, f)).toBe(
      '17 ledger / 14 tax records · last tax sync 2026-11-26 09:00 (2026-11-01 – 2026-11-25) · last ledger import 2026-11-26 10:00',
    );
    expect(catalogFor('en').healthSummary(never, f)).toContain('last tax sync never ⚠️ stale');
    // An employee's status has no counts (homeStatus): the line starts at the last sync.
    expect(catalogFor('en').healthSummary({ lastSync: fresh.lastSync }, f)).toBe(
      'last tax sync 2026-11-26 09:00 (2026-11-01 – 2026-11-25) · last ledger import 2026-11-26 10:00',
    );
  });

  it('says it in Chinese', () => {
    expect(catalogFor('zh').healthSummary(fresh, f)).toBe(
      '台账 17 条 / 税务 14 条 · 最近税务同步 2026-11-26 09:00（2026-11-01 – 2026-11-25） · 最近台账导入 2026-11-26 10:00',
    );
    expect(catalogFor('zh').healthSummary(never, f)).toContain('最近税务同步 从未 ⚠️ 已过期');
    expect(catalogFor('zh').healthSummary({ lastSync: fresh.lastSync }, f)).toBe(
      '最近税务同步 2026-11-26 09:00（2026-11-01 – 2026-11-25） · 最近台账导入 2026-11-26 10:00',
    );
  });
});
