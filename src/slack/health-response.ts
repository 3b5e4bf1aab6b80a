import { createHash, timingSafeEqual } from 'node:crypto';
import type { HealthReport } from '../domain/health-report.js';

/** What `GET /healthz` answers to anyone: alive, and in which mode. */
export type PublicHealth = { ok: true; mode: string };

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The body of `GET /healthz`. Everyone learns only `{ ok, mode }`; the details (record counts, file names, last
 * syncs) need `Authorization: Bearer <HEALTH_TOKEN>`, and without a configured token they are never shown.
 * @example healthResponse(undefined, 'secret-health-token', report) // { ok: true, mode: 'http' }
 */
export function healthResponse(
  authorization: string | undefined,
  healthToken: string | undefined,
  report: HealthReport,
): PublicHealth | HealthReport {
  const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  // Compare digests of equal length in constant time, so the comparison leaks nothing about the token.
  if (healthToken && given && timingSafeEqual(digest(given), digest(healthToken))) return report;
  return { ok: report.ok, mode: report.mode };
}
