import type { WorkingCalendar } from '../domain/business-time.js';
import { type DeductionState, deductionState } from '../domain/deduction-state.js';
import { type Cause, type Diagnosis, diagnose } from '../domain/diagnose.js';
import { type Direction, directionOf } from '../domain/direction.js';
import type { IdMention } from '../domain/extract-ids.js';
import type { FilingTable } from '../domain/filing-calendar.js';
import { type InvoiceId, invoiceKey } from '../domain/identifier.js';
import type { Coverage, InvoicePair } from '../domain/invoice.js';
import { type InvoiceFiling, invoiceFiling } from '../domain/invoice-filing.js';
import { type InvoiceKind, invoiceKind } from '../domain/invoice-medium.js';
import { isActive, type MaintenanceWindow } from '../domain/maintenance-window.js';
import type { Notice } from '../domain/notice.js';
import { policiesFor } from '../domain/policy-change.js';
import type { DiagnosisSettings } from '../domain/settings.js';
import { latestImport } from '../domain/sync-freshness.js';
import { started } from '../lib/started.js';
import { localDay } from '../lib/time.js';
import type {
  Clock,
  DeductionStore,
  InvoiceReads,
  InvoiceStore,
  PolicySource,
  RegionNames,
  WindowSource,
} from '../ports.js';
import { findNearMatches } from './find-near-matches.js';

/** The ports and settings a lookup needs. */
export type LookupDeps = {
  store: InvoiceStore;
  windows: WindowSource;
  /** Policy-change notices; none when absent. */
  policies?: PolicySource;
  clock: Clock;
  settings: DiagnosisSettings;
  zone: string;
  /** China's working calendar: filing deadlines and the days left to them count working days. */
  calendar: WorkingCalendar;
  /** The official filing deadlines (申报期) by year; the rule stands in, provisionally, for other years. */
  filing: FilingTable;
  regions?: RegionNames;
  /** Deduction selections from the platform's export; without it no card shows a deduction state. */
  deductions?: DeductionStore;
  /** How many working days before a deadline count as urgent (`escalations.deadlineUrgentDays`, default 3). */
  urgentDays?: number;
};

/** Everything the bot knows about one asked-for invoice, with its diagnosis. */
export type Lookup = {
  mention: IdMention;
  id?: InvoiceId;
  pair: InvoicePair;
  diagnosis: Diagnosis;
  reversedBy: InvoiceId[];
  activeWindows: MaintenanceWindow[];
  /** Policy changes that took effect shortly before the invoice was issued and affect its kind: context only. */
  policyChanges: Notice[];
  lastImport?: Coverage;
  /** The return the invoice belongs to, when it is ours (issued or received) and was issued. */
  filing?: InvoiceFiling;
  /** Whether we issued or received it, which decides who can fix it. */
  direction?: Direction;
  /** Paper or electronic, 数电 or not: decides whether a wrong invoice can be voided or only red-reversed. */
  kind?: InvoiceKind;
  /** Where a received invoice stands for deduction (勾选), from the last deduction-selection export. */
  deduction?: DeductionState;
};

// The invoice, the tax coverage and the red letters reversing it: in one round trip where the store answers them
// together (PostgreSQL), else as three reads side by side.
function invoiceReads(store: InvoiceStore, asked: InvoiceId | undefined): Promise<InvoiceReads> {
  if (asked && store.lookup) return store.lookup(asked);
  return Promise.all([
    asked ? store.get(asked) : ({} as InvoicePair),
    store.coverage(),
    asked ? store.reversedBy(asked) : [],
  ]).then(([pair, coverage, reversedBy]) => ({ pair, coverage, reversedBy }));
}

/** Looks an invoice up in both record sources and diagnoses why it is, or is not, visible in the tax system. */
export async function lookUpInvoice(deps: LookupDeps, mention: IdMention): Promise<Lookup> {
  const now = deps.clock.now();
  const asked = mention.id;
  // Independent reads go out together, so a store over the network costs one round trip here, not six. The red
  // letters reversing the invoice and its deduction selection are asked for before knowing whether it exists: on a
  // found invoice (the usual answer) that saves two round trips; a missing one costs a query answered from an index.
  // Started together, awaited in turn (see `started`).
  const reading = invoiceReads(deps.store, asked);
  const windowing = started(deps.windows.windows());
  const policing = deps.policies && started(deps.policies.policies());
  const selecting =
    deps.deductions && asked?.kind === 'digital' ? started(selectionOf(deps.deductions, asked)) : undefined;
  const { pair, coverage, reversedBy: reversing } = await reading;
  const windows = await windowing;
  const policies = policing ? await policing : [];
  const selection = selecting && (await selecting);
  const found = Boolean(pair.ledger || pair.tax);
  const reversedBy = found ? reversing : [];
  // A found invoice nothing reverses (nearly every lookup) has nothing more to read: no Promise.all to await.
  const [nearMatches, reds] =
    found && reversedBy.length === 0
      ? [[], []]
      : await Promise.all([
          found ? [] : findNearMatches(deps.store, mention),
          Promise.all(reversedBy.map((red) => deps.store.get(red))),
        ]);
  const facts = pair.ledger ?? pair.tax;
  const issuedAt = facts?.issuedAt;
  // Read once: the diagnosis and the filing period both need the issue day.
  const issueDay = issuedAt ? localDay(new Date(issuedAt), deps.zone) : undefined;
  const diagnosed = diagnose({
    pair,
    problems: mention.problems,
    nearMatches,
    reversedBy,
    redTotals: reds.flatMap((red) => (red.tax?.total === undefined ? [] : [red.tax.total])),
    coverage,
    windows,
    settings: deps.settings,
    issueDay,
    now,
  });
  // The domain names the region by its code; the GB/T 2260 dataset behind the port gives it a name.
  const regionName = diagnosed.cause === 'other_region' ? deps.regions?.(diagnosed.region) : undefined;
  const diagnosis = regionName && diagnosed.cause === 'other_region' ? { ...diagnosed, regionName } : diagnosed;
  const lastImport = latestImport(coverage);
  const filing =
    issueDay &&
    invoiceFiling(
      pair,
      issueDay,
      deps.settings.companyTaxIds,
      localDay(now, deps.zone),
      deps.filing,
      deps.calendar,
      diagnosis,
    );
  const direction = facts && directionOf(facts, deps.settings.companyTaxIds);
  // The export's type label is the source of truth for the kind (domain-fapiao rule 10), so the tax record goes first.
  const kind = pair.tax ?? pair.ledger;
  const deduction =
    deps.deductions &&
    (await deductionOf(deps, deps.deductions, mention, pair, filing || undefined, selection, diagnosis.cause));
  return {
    mention,
    ...(mention.id ? { id: mention.id } : {}),
    pair,
    diagnosis,
    reversedBy,
    activeWindows: windows.filter((w) => isActive(w, now)),
    ...(direction ? { direction } : {}),
    ...(kind ? { kind: invoiceKind(kind) } : {}),
    policyChanges: facts ? policiesFor(policies, facts, deps.settings.policyNoticeDays) : [],
    ...(lastImport ? { lastImport } : {}),
    ...(filing ? { filing } : {}),
    ...(deduction ? { deduction } : {}),
  };
}

type Selection = Awaited<ReturnType<typeof selectionOf>>;

// A 数电 invoice's last exported selection and the export it came from.
async function selectionOf(deductions: DeductionStore, digital: InvoiceId) {
  const getting = deductions.get(invoiceKey(digital));
  const lastImport = started(deductions.lastImport());
  return { entry: await getting, lastImport: await lastImport };
}

async function deductionOf(
  deps: LookupDeps,
  deductions: DeductionStore,
  mention: IdMention,
  pair: InvoicePair,
  filing: InvoiceFiling | undefined,
  asked: Selection | undefined,
  cause: Cause,
): Promise<DeductionState | undefined> {
  // The export lists 数电 invoices by their 20-digit number only: a paper 数电 invoice asked for by code + number is
  // found through its 数电 number, and a legacy invoice, which the export cannot list, gets no deduction state.
  const digital = [mention.id, ...((pair.ledger ?? pair.tax)?.ids ?? [])].find((id) => id?.kind === 'digital');
  if (!digital) return undefined;
  // Fetched with the invoice when the mention itself was the 数电 number (then `digital` is that number).
  const { entry, lastImport } = asked ?? (await selectionOf(deductions, digital));
  return deductionState({
    entry,
    lastImport,
    filing,
    taxStatus: pair.tax?.status,
    cause,
    today: localDay(deps.clock.now(), deps.zone),
    urgentDays: deps.urgentDays ?? 3,
    table: deps.filing,
    calendar: deps.calendar,
  });
}
