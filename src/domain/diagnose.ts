// Per-function entry points: the `date-fns` index loads every function (about a third of a second per process).
import { addMinutes } from 'date-fns/addMinutes';
import { subYears } from 'date-fns/subYears';
import type { IdProblem } from './id-problems.js';
import type { InvoiceId } from './identifier.js';
import { type Coverage, type InvoicePair, isDigital, type LedgerRecord, type TaxRecord } from './invoice.js';
import { type MaintenanceWindow, relevantWindow } from './maintenance-window.js';
import type { Fen } from './money.js';
import type { NearHow } from './near-match.js';
import type { DiagnosisSettings } from './settings.js';
import { isStale, latestImport } from './sync-freshness.js';

/** A record one typing slip away from what the user asked for. */
export type NearMatch = { id: InvoiceId; how: NearHow };

/** A field on which the ledger and the tax data disagree, with both values (totals in fen, issue times as ISO). */
export type Disagreement =
  | { field: 'total'; ledger: Fen; tax: Fen }
  | { field: 'issuedAt' | 'type'; ledger: string; tax: string };

/** The one most likely cause, with the facts that support it. Wording lives in the adapters' message catalogue. */
export type Diagnosis =
  | { cause: 'invalid_id'; problems: IdProblem[]; nearMatches: NearMatch[] }
  | { cause: 'not_found'; nearMatches: NearMatch[]; lastImport?: Coverage }
  | { cause: 'not_issued' | 'issue_failed' | 'upload_failed'; erpStatus: string }
  | { cause: 'voided' | 'out_of_control' | 'abnormal'; statusLabel: string }
  | {
      cause: 'red_reversed' | 'partially_red_reversed';
      statusLabel: string;
      reversedBy: InvoiceId[];
      /** The red invoices' totals added up (negative) and what is left of the blue invoice, when they are known. */
      redTotal?: Fen;
      remaining?: Fen;
    }
  | { cause: 'red_invoice'; statusLabel: string; reverses?: InvoiceId }
  | { cause: 'maintenance'; window: MaintenanceWindow; expectedBy: string }
  | { cause: 'sync_window'; expectedBy: string; coveredUntil?: string }
  | { cause: 'not_synced_yet'; coveredUntil?: string; lastImport?: Coverage; stale: boolean }
  | { cause: 'overdue'; expectedBy: string; lastImport?: Coverage }
  | { cause: 'wrong_buyer'; expected: string; actual: string; actualName: string }
  | { cause: 'mismatch'; fields: Disagreement[] }
  | { cause: 'tax_only'; statusLabel: string }
  | { cause: 'too_old'; years: number }
  | { cause: 'other_region'; region: string; regionName?: string }
  | { cause: 'visible'; statusLabel: string };

/** Every cause the diagnosis can name, in the order it checks them. */
export type Cause = Diagnosis['cause'];

/** Everything the diagnosis looks at; `now` is passed in so the function stays pure. */
export type DiagnosisInput = {
  pair: InvoicePair;
  problems: IdProblem[];
  nearMatches: NearMatch[];
  reversedBy: InvoiceId[];
  /** The totals of the red invoices in `reversedBy` that the tax data has. */
  redTotals?: Fen[];
  coverage: readonly Coverage[];
  windows: readonly MaintenanceWindow[];
  settings: DiagnosisSettings;
  /** The issue day of the invoice as `YYYY-MM-DD` in the bot's time zone (computed at the edge). */
  issueDay?: string;
  now: Date;
};

/**
 * Names the single most likely reason an invoice is (not) visible in the tax system, following
 * domain-fapiao §4.3: input → records → ERP state → tax state → maintenance → sync timing → buyer → data.
 * @example diagnose({ pair: {}, problems: [], nearMatches: [], reversedBy: [], coverage: [], windows: [], settings, now }).cause // 'not_found'
 */
export function diagnose(input: DiagnosisInput): Diagnosis {
  const { pair, problems, nearMatches } = input;
  const lastImport = latestImport(input.coverage);
  if (!pair.ledger && !pair.tax) {
    if (problems.length > 0) return { cause: 'invalid_id', problems, nearMatches };
    return lastImport ? { cause: 'not_found', nearMatches, lastImport } : { cause: 'not_found', nearMatches };
  }
  const ledger = pair.ledger;
  const erp = ledger && erpCause(ledger);
  if (erp) return erp;
  if (pair.tax) return diagnoseVisible(pair.tax, ledger, input);
  // Here the ledger says issued but the tax data does not have it.
  return diagnoseMissing(ledger as LedgerRecord, input, lastImport);
}

function erpCause(ledger: LedgerRecord): Diagnosis | undefined {
  switch (ledger.erpStatus) {
    case 'pending_review':
    case 'issuing':
      return { cause: 'not_issued', erpStatus: ledger.erpStatus };
    case 'issue_failed':
    case 'upload_failed':
      return { cause: ledger.erpStatus, erpStatus: ledger.erpStatus };
    default:
      return undefined;
  }
}

function diagnoseVisible(tax: TaxRecord, ledger: LedgerRecord | undefined, input: DiagnosisInput): Diagnosis {
  const { settings, now } = input;
  const statusLabel = tax.statusLabel;
  switch (tax.status) {
    case 'voided':
    case 'out_of_control':
    case 'abnormal':
      return { cause: tax.status, statusLabel };
    case 'red_reversed':
    case 'partially_red_reversed': {
      const totals = input.redTotals ?? [];
      if (totals.length === 0) return { cause: tax.status, statusLabel, reversedBy: input.reversedBy };
      const redTotal = totals.reduce((sum, t) => sum + t, 0);
      return {
        cause: tax.status,
        statusLabel,
        reversedBy: input.reversedBy,
        redTotal,
        remaining: tax.total + redTotal,
      };
    }
  }
  // A red (negative) invoice is itself normal; what matters is which blue invoice it reverses (from its 备注).
  if (!tax.positive) return { cause: 'red_invoice', statusLabel, ...(tax.redOf ? { reverses: tax.redOf } : {}) };
  if (ledger?.erpStatus === 'voided') return { cause: 'voided', statusLabel: ledger.erpStatus };
  const expectedBuyer = ledger?.buyerTaxId ?? ourBuyer(tax, settings);
  if (expectedBuyer !== undefined && tax.buyerTaxId !== expectedBuyer) {
    return { cause: 'wrong_buyer', expected: expectedBuyer, actual: tax.buyerTaxId, actualName: tax.buyerName };
  }
  const fields = ledger ? disagreements(ledger, tax) : [];
  if (fields.length > 0) return { cause: 'mismatch', fields };
  if (!ledger) return { cause: 'tax_only', statusLabel };
  if (Date.parse(tax.issuedAt) < subYears(now, settings.verifiableYears).getTime())
    return { cause: 'too_old', years: settings.verifiableYears };
  const region = tax.buyerTaxId.length === 18 ? tax.buyerTaxId.slice(2, 4) : '11';
  if (settings.companyTaxIds.includes(tax.buyerTaxId) && region !== '11')
    return { cause: 'other_region', region: tax.buyerTaxId.slice(2, 8) };
  return { cause: 'visible', statusLabel };
}

// For an invoice only the tax system knows, the buyer should be us unless we are the seller.
function ourBuyer(tax: TaxRecord, settings: DiagnosisSettings): string | undefined {
  const ids = settings.companyTaxIds;
  if (ids.length === 0 || ids.includes(tax.sellerTaxId) || ids.includes(tax.buyerTaxId)) return undefined;
  return ids[0];
}

function diagnoseMissing(ledger: LedgerRecord, input: DiagnosisInput, lastImport: Coverage | undefined): Diagnosis {
  const { settings, now, windows, coverage, issueDay } = input;
  const issuedAt = new Date(ledger.issuedAt);
  const tailMs = settings.maintenanceTailMinutes * 60_000;
  const start = isDigital(ledger) ? issuedAt : new Date(ledger.uploadedAt ?? ledger.issuedAt);
  const normal = addMinutes(start, isDigital(ledger) ? settings.digitalSyncMinutes : settings.legacySyncMinutes);
  const window = relevantWindow(windows, issuedAt, settings.maintenanceLeadMinutes * 60_000);
  if (window) {
    const afterWindow = new Date(Date.parse(window.endsAt) + tailMs);
    const expectedBy = afterWindow > normal ? afterWindow : normal;
    if (now < expectedBy) return { cause: 'maintenance', window, expectedBy: expectedBy.toISOString() };
  }
  const coveredUntil = coverage.reduce<string | undefined>((max, c) => (!max || c.to > max ? c.to : max), undefined);
  if (now < normal)
    return coveredUntil
      ? { cause: 'sync_window', expectedBy: normal.toISOString(), coveredUntil }
      : { cause: 'sync_window', expectedBy: normal.toISOString() };
  const covered = issueDay !== undefined && coverage.some((c) => c.from <= issueDay && issueDay <= c.to);
  if (!covered) {
    // With no import at all there is nothing to call old: the evidence says "no tax data yet", and only that.
    const stale = lastImport !== undefined && isStale(lastImport, now, settings.staleSyncHours);
    return {
      cause: 'not_synced_yet',
      ...(coveredUntil ? { coveredUntil } : {}),
      ...(lastImport ? { lastImport } : {}),
      stale,
    };
  }
  return lastImport
    ? { cause: 'overdue', expectedBy: normal.toISOString(), lastImport }
    : { cause: 'overdue', expectedBy: normal.toISOString() };
}

function disagreements(ledger: LedgerRecord, tax: TaxRecord): Disagreement[] {
  const out: Disagreement[] = [];
  if (ledger.total !== tax.total) out.push({ field: 'total', ledger: ledger.total, tax: tax.total });
  if (ledger.issuedAt.slice(0, 10) !== tax.issuedAt.slice(0, 10))
    out.push({ field: 'issuedAt', ledger: ledger.issuedAt, tax: tax.issuedAt });
  if (ledger.type && tax.type && ledger.type !== tax.type)
    out.push({ field: 'type', ledger: ledger.type, tax: tax.type });
  return out;
}

/**
 * True when the diagnosis says the invoice is missing from the tax data beyond its window — what the card words as
 * "it should be visible by now". An invoice whose issue day the tax data does not cover yet is not missing yet.
 * @example isMissingBeyondWindow({ cause: 'not_synced_yet', stale: false }) // false
 */
export function isMissingBeyondWindow(diagnosis: Diagnosis): boolean {
  return diagnosis.cause === 'overdue';
}
