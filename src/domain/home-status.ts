import { type Actor, isFinance } from './actor.js';
import type { HealthReport } from './health-report.js';

/** What the App Home's status line tells one viewer: how fresh the data is, and to some, how much of it there is. */
export type HomeStatus = Pick<HealthReport, 'lastSync'> & { records?: HealthReport['records'] };

/**
 * The App Home status line a viewer gets. The last syncs are everyone's: each invoice card already names the last
 * sync, and an employee needs it to tell "not synced yet" from "missing". The record counts are the company's
 * invoice volume, a business figure like the dashboard: finance leads and admins only, as `/healthz` shows them only
 * with its token.
 * @example homeStatus({ userId: 'U1', role: 'employee' }, report).records // undefined
 */
export function homeStatus(viewer: Actor, report: HealthReport): HomeStatus {
  return isFinance(viewer) ? { lastSync: report.lastSync, records: report.records } : { lastSync: report.lastSync };
}
