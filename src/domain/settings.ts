import { z } from 'zod';

/**
 * Thresholds and facts the diagnosis needs. They are configuration because public sources disagree
 * (domain-fapiao §4.2, §8); defaults are the conservative reading.
 */
export const DiagnosisSettings = z.object({
  /** Our own entities' taxpayer ids: an invoice whose buyer is none of these went to another account. */
  companyTaxIds: z.array(z.string()).default([]),
  /** How long a 数电 invoice may take to appear in the buyer's account and the verification platform. */
  digitalSyncMinutes: z.number().int().positive().default(60),
  /** How long a legacy (税控) invoice may take after upload: the platform's "next day" rule, as 24 h. */
  legacySyncMinutes: z.number().int().positive().default(1440),
  /** Invoices issued this long before a maintenance window starts may be held up by it too. */
  maintenanceLeadMinutes: z.number().int().nonnegative().default(120),
  /** How long delays persist after a maintenance window ends. */
  maintenanceTailMinutes: z.number().int().nonnegative().default(120),
  /** Tax data older than this is itself a likely reason for "not found". */
  staleSyncHours: z.number().int().positive().default(48),
  /** Invoices older than this cannot be verified online any more. */
  verifiableYears: z.number().int().positive().default(5),
  /** A "tell me when it appears" watch ends after this many days, with a final message. */
  watchDays: z.number().int().positive().default(14),
  /** Walk-throughs finished, or left idle, this many days ago are dropped by the daily job (state stays small). */
  walkthroughKeepDays: z.number().int().positive().default(90),
  /**
   * A policy change is news for this many days after it takes effect: listed in `/invoice notices` and the App Home,
   * and named on cards and walk-throughs of affected invoices issued in that time.
   */
  policyNoticeDays: z.number().int().positive().default(30),
});
export type DiagnosisSettings = z.infer<typeof DiagnosisSettings>;
