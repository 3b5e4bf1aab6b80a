import type { Coverage } from './invoice.js';
import { isStale, latestImport } from './sync-freshness.js';

/** How the bot is doing: the body of `GET /healthz`; the App Home says it in words (`healthSummary`). */
export type HealthReport = {
  ok: true;
  mode: string;
  records: { ledger: number; tax: number };
  lastSync: { tax: Coverage | null; ledger: Coverage | null; stale: boolean; staleAfterHours: number };
};

/** What the report is made from: the invoice store's figures at `now`. */
export type HealthFacts = {
  mode: string;
  records: { ledger: number; tax: number };
  coverage: readonly Coverage[];
  lastLedgerImport: Coverage | undefined;
  staleSyncHours: number;
  now: Date;
};

/**
 * Counts, the last tax sync and its coverage, whether it is stale, and the last ledger import.
 * @example healthReport({ …, coverage: [], now }).lastSync.stale // true: no tax data was ever imported
 */
export function healthReport(facts: HealthFacts): HealthReport {
  const tax = latestImport(facts.coverage);
  return {
    ok: true,
    mode: facts.mode,
    records: facts.records,
    lastSync: {
      tax: tax ?? null,
      ledger: facts.lastLedgerImport ?? null,
      stale: isStale(tax, facts.now, facts.staleSyncHours),
      staleAfterHours: facts.staleSyncHours,
    },
  };
}
