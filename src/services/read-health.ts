import { type HealthReport, healthReport } from '../domain/health-report.js';
import type { Clock, InvoiceStore } from '../ports.js';

/** What the health report is read from. */
export type HealthDeps = { store: InvoiceStore; clock: Clock; mode: string; staleSyncHours: number };

/**
 * The bot's health now, from the invoice store: what `GET /healthz` answers and the App Home puts in words.
 * @example (await readHealth({ store, clock, mode: 'http', staleSyncHours: 48 })).records // { ledger: 17, tax: 14 }
 */
export async function readHealth(deps: HealthDeps): Promise<HealthReport> {
  const [records, coverage, lastLedgerImport] = await Promise.all([
    deps.store.counts(),
    deps.store.coverage(),
    deps.store.lastLedgerImport(),
  ]);
  return healthReport({
    mode: deps.mode,
    records,
    coverage,
    lastLedgerImport,
    staleSyncHours: deps.staleSyncHours,
    now: deps.clock.now(),
  });
}
