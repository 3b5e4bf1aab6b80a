import { type HealthReport, healthReport } from '../domain/health-report.js';
import type { Clock, InvoiceStore } from '../ports.js';

/** What the health report is read from. */
export type HealthDeps = { store: InvoiceStore; clock: Clock; mode: string; staleSyncHours: number };

/**
 * The bot's health now, from the invoice store: what `GET /healthz` answers and the App Home puts in words.
 * @example readHealth({ store, clock, mode: 'http', staleSyncHours: 48 }).records // { ledger: 17, tax: 14 }
 */
export function readHealth(deps: HealthDeps): HealthReport {
  return healthReport({
    mode: deps.mode,
    records: deps.store.counts(),
    coverage: deps.store.coverage(),
    lastLedgerImport: deps.store.lastLedgerImport(),
    staleSyncHours: deps.staleSyncHours,
    now: deps.clock.now(),
  });
}
