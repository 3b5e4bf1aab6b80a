import type { StepId } from '../domain/checklist.js';
import type { DeductionState } from '../domain/deduction-state.js';
import type { Diagnosis } from '../domain/diagnose.js';
import type { Direction } from '../domain/direction.js';
import type { Disclosure } from '../domain/disclosure.js';
import type {
  Escalation,
  EscalationEvent,
  EscalationReason,
  EscalationStatus,
  ResolutionCause,
  SlaReminder,
} from '../domain/escalation.js';
import type { FilingDeadline } from '../domain/filing-calendar.js';
import type { HomeStatus } from '../domain/home-status.js';
import type { IdProblem } from '../domain/id-problems.js';
import type { InvoiceId } from '../domain/identifier.js';
import type { InvoiceFiling } from '../domain/invoice-filing.js';
import type { InvoiceKind } from '../domain/invoice-medium.js';
import type { LostCase } from '../domain/lost-invoice.js';
import type { NearHow } from '../domain/near-match.js';
import type { NonIdNumber } from '../domain/non-id-numbers.js';
import type { NoticeEvent, NoticeKind, NoticeProblem, NoticeStatus, NoticeSystem } from '../domain/notice.js';
import type { PolicyInvoiceKind } from '../domain/policy-change.js';
import type { RowProblemCode } from '../domain/row-problem.js';
import type { UnreadableReason } from '../lib/unreadable-file-error.js';
import type { StatsCatalog } from './stats-catalog.js';

/**
 * How values are shown inside messages; built per reply so times use the bot's zone, and amounts and tax ids follow
 * the masking rule for the reader (`reveal` false: name no record value at all).
 */
export type Formatters = { time(iso: string): string; id(id: InvoiceId): string } & Disclosure;

/**
 * Who reads the advice and what the invoice is: the fix for an invoice we received comes from its seller, for one we
 * issued from our finance team; a finance lead is told what finance does, not to escalate to finance. Only a paper
 * invoice can be voided (in its month of issue), so the medium decides between voiding and a red invoice; `digital`
 * (a 数电 invoice) decides where an upload is retried. Unknown facts are left out and get advice that holds either way.
 */
export type AdviceContext = { direction?: Direction; finance: boolean } & Partial<InvoiceKind>;

/**
 * Builds a catalogue's `diagnosis` from its plain description and its advice, which replaces the next step when the
 * reader and the invoice's direction call for another one.
 * @example withAdvice(describe, adviceFor)(d, f, { finance: true }).next // what finance does next
 */
export function withAdvice(
  describe: (d: Diagnosis, f: Formatters) => DiagnosisText,
  adviceFor: (d: Diagnosis, a: AdviceContext, f: Formatters) => string | undefined,
): Catalog['diagnosis'] {
  return (d, f, advice) => {
    const base = describe(d, f);
    const next = adviceFor(d, advice, f);
    return next ? { ...base, next } : base;
  };
}

/** A diagnosis in words: one headline, the evidence for it, and what to do next. */
export type DiagnosisText = { headline: string; evidence: string[]; next: string };

/** The commands `help <command>` explains, each with a one-line summary and a longer explanation with an example. */
export type HelpTopic =
  | 'where'
  | 'find'
  | 'check'
  | 'escalate'
  | 'escalations'
  | 'watch'
  | 'lost'
  | 'notices'
  | 'deadlines'
  | 'lang'
  | 'help'
  | 'sync'
  | 'stats'
  | 'findTaxId'
  | 'escalation'
  | 'notice';

/** The help topics each role's group lists, in the order they are shown. */
export const HELP_GROUPS = {
  employee: [
    'where',
    'find',
    'check',
    'escalate',
    'escalations',
    'watch',
    'lost',
    'notices',
    'deadlines',
    'lang',
    'help',
  ],
  finance: ['sync', 'findTaxId', 'escalation', 'stats'],
  admin: ['notice'],
} as const satisfies Record<string, readonly HelpTopic[]>;

/** Every user-facing string, once per language. `en.ts` and `zh.ts` implement it; a missing key fails type-checking. */
export type Catalog = {
  /** What everyone may do, for surfaces that do not know the reader's role (the App Home). */
  help: string;
  helpGuide: {
    intro: string;
    group: { employee: string; finance: string; admin: string };
    line: Record<HelpTopic, string>;
    detail: Record<HelpTopic, string>;
    more: string;
    unknownTopic(word: string): string;
  };
  unknownCommand(word: string): string;
  noIdInMessage: string;
  /**
   * A message with numbers but no invoice id: what its numbers were read as. Only dates are repeated; amounts, phone
   * numbers and tax ids are named by kind, since the answer may be read in a shared thread.
   */
  notIds(found: readonly NonIdNumber[]): string;
  /** A message with no invoice id but a company name: how to find that company's invoices. */
  companyHint(name: string): string;
  whereUsage: string;
  /** More ids than are answered at once: how many were left out (and which), and how to ask for them. */
  idsLeftOut(count: number, answered: number, raws: string[]): string;
  apology: string;
  /** A form whose hidden data cannot be read (forged, or opened by an older version of the bot). */
  /** A message longer than `max` characters was read only up to there. */
  messageCut(length: number, max: number): string;
  formUnreadable: string;
  /** The notice preview's draft is gone (sent, an hour old, or the bot restarted). */
  noticeDraftGone: string;
  languageSet: string;
  languageUsage: string;
  /**
   * The App Home's status line: record counts (when the viewer may see them), the last tax sync (and whether it is
   * stale), the last ledger import.
   */
  healthSummary(status: HomeStatus, f: Formatters): string;
  watchUsage: string;
  invalidIdIntro(raw: string): string;
  idProblem(problem: IdProblem): string;
  validShapes: string;
  /** Filing periods (申报期): which return an invoice belongs to, the deadlines, and reminders before them. */
  filing: {
    /** A period (`2026-11`) in words: "November 2026". */
    period(period: string): string;
    /** The card's "Direction" field. */
    directionLabel: string;
    direction(direction: Direction): string;
    /** The card's "Filing period" field. */
    label: string;
    /** Which return the invoice belongs to, the deadline and the working days left. */
    sentence(filing: InvoiceFiling): string;
    /** `/invoice deadlines`: the return being prepared and the next one. */
    title: string;
    deadline(which: 'current' | 'next', deadline: FilingDeadline, daysLeft: number): string;
    /** For finance: invoices of a period still missing from the tax data. */
    missingTitle: string;
    missing(period: string, issued: number, received: number): string;
    /** Why an escalation became urgent on its own. */
    /** Why an escalation is urgent automatically: filed near the deadline, or `raised` as the deadline came close. */
    urgentReason(filing: InvoiceFiling, raised: boolean): string;
    /** Finance's reminder before a deadline, and each requester's. */
    reminder(deadline: FilingDeadline, daysLeft: number, count: number): string;
    reminderLine(id: string, direction: string, requester: string | undefined, escalation: string | undefined): string;
    requesterReminder(deadline: FilingDeadline, daysLeft: number, ids: string[]): string;
    /** Admins' daily warning while a year's official table is missing. */
    tableMissing(year: number): string;
  };
  /** Deduction selection (抵扣类勾选) of an invoice we received, from the platform's deduction-selection export. */
  deduction: {
    /** The card's "Deduction" field. */
    label: string;
    /** Where the invoice stands: selected (with its period), 红字锁定 (what that means), or not yet (the deadline). */
    state(state: DeductionState, f: Formatters): string;
    /** What to do about it, for this reader (finance is told what finance does); undefined when nothing is. */
    advice(state: DeductionState, finance: boolean): string | undefined;
    /** Finance's reminder and weekly check: received invoices of a period not selected yet, or locked. */
    reminderTitle(deadline: FilingDeadline, daysLeft: number, count: number): string;
    reminderLine(id: string, kind: 'not_selected' | 'red_locked', requester: string | undefined): string;
    /** After an import: the period the export was taken for. */
    imported(period: string): string;
  };
  nearMatchHow(how: NearHow): string;
  diagnosis(d: Diagnosis, f: Formatters, advice: AdviceContext): DiagnosisText;
  card: {
    title(id: string): string;
    type: string;
    issued: string;
    amount: string;
    seller: string;
    buyer: string;
    erpStatus: string;
    taxStatus: string;
    risk: string;
    requester: string;
    notInLedger: string;
    notInTax: string;
    timeline: string;
    stepIssued: string;
    stepUploaded: string;
    stepVisible: string;
    masked: string;
    troubleshoot: string;
    escalate: string;
    lastSync(at: string, from: string, to: string): string;
    noSync: string;
    maintenanceBanner(title: string, until: string): string;
    reversedBy(ids: string): string;
  };
  erpStatus(status: string): string;
  /**
   * The tax system's status of an invoice. A red (negative) invoice is 正常 in the export like any valid invoice, so it
   * is named a red invoice first: read alone, "normal" with a negative total looks like an ordinary sale.
   */
  taxStatus(tax: { statusLabel: string; positive: boolean }): string;
  /** "I lost my invoice": the remedy by kind and direction (docs/lost-invoices.md). */
  lost: {
    title(id: string): string;
    general: string;
    askId: string;
    found(type: string, direction: string): string;
    direction(direction: Direction | undefined): string;
    notInRecords: string;
    search(day: string, total: string | undefined, id: string): string;
    remedy(lostCase: LostCase, special: boolean): string;
    reimbursed: string;
    escalate: string;
  };
  /** A day range typed end first (`from`..`to`, as typed) in find, sync or stats: refused, never swapped. */
  rangeReversed(from: string, to: string): string;
  find: {
    hintAmount: string;
    hintName: string;
    usage: string;
    none: string;
    /** `count` invoices match (more than `count` when `more`); `shown` are listed. */
    results(count: number, shown: number, more: boolean): string;
    badAmount(text: string): string;
    badDate(text: string): string;
    /** An 18-character id whose USCC check character is wrong. */
    badTaxId(text: string): string;
    /** Column headings of the results table: id, issued, seller, buyer, total, status. */
    columns: string[];
    /** An employee asked to find by tax id. */
    taxIdFinanceOnly: string;
  };
  rowProblem(code: RowProblemCode): string;
  import: {
    done(source: string, rows: number, added: number, changed: number, unchanged: number): string;
    refused(count: number, rows: number): string;
    row(row: number, column: string, reason: string, value: string): string;
    more(count: number): string;
    rangeReversed(from: string, to: string): string;
    /** `npm run stats` / `npm run audit` given `--since` after `--until`: nothing exported. */
    exportRangeReversed(since: string, until: string): string;
    empty: string;
    /** A file that could not be read at all, with the row where that was found. */
    unreadable(reason: UnreadableReason, row?: number): string;
    coverage(from: string, to: string): string;
    usage: string;
    unsupported(file: string): string;
    /** A shared file the bot would not or could not download; names only the file, never what came back. */
    downloadRefused(file: string, reason: 'external' | 'untrusted_host' | 'failed' | 'too_large'): string;
    missingFile(file: string): string;
  };
  console: {
    intro(role: string, demo: boolean): string;
    help: string;
    roleSwitched(role: string, userId: string): string;
    unknownRole: string;
    clock(now: string): string;
  };
  sync: {
    refused: string;
    usage: string;
    empty(path: string): string;
    /** A file that failed and was moved to `inbox/rejected/`; `problems` names the list beside it. */
    rejected(file: string, count: number, movedTo: string, problems: string): string;
    noneSynced: string;
    /** Said after a refused request (a reversed range): the inbox and the records are as they were. */
    unchanged: string;
    /** First line of a rejected file's `.problems.txt`. */
    problemsHeader(file: string, at: string): string;
    /** Another sync is running: who started it and when. */
    busy(user: string, at: string): string;
    /** The database was kept busy by another session; the file being imported was rolled back whole. */
    storeBusy: string;
    done(files: number, rows: number, backup: string): string;
    file(name: string, rows: number, added: number, changed: number): string;
    visible(count: number): string;
    changed(count: number): string;
    missing(count: number): string;
    missingFor(requester: string): string;
    disagreements(count: number): string;
    watchers(count: number): string;
    watchAppeared(invoice: string, status: string): string;
    watchExpired(invoice: string, days: number): string;
  };
  backup: {
    created(path: string): string;
    verified(path: string, report: string): string;
    restored(path: string, safety: string): string;
    sourceIsDataDir(path: string): string;
    /** PostgreSQL mode: DATA_DIR's files and the schema's pg_dump. */
    createdPostgres(path: string, dump: string): string;
    /** PostgreSQL mode without pg_dump: only DATA_DIR's files were copied. */
    createdWithoutDatabase(path: string, reason: string): string;
    /** `--verify` in PostgreSQL mode: the dump is readable. `dump` is undefined when the backup has none. */
    verifiedDump(path: string, dump: string | undefined, tables: number): string;
    /** `npm run restore` in PostgreSQL mode: refused, with how to restore by hand. */
    restorePostgres(dumpName: string): string;
    failed(reason: string): string;
    /** The daily backup failed; it is tried again on the next tick. */
    dailyFailed(reason: string): string;
    usage: string;
  };
  /** `npm run stats` and `npm run audit`: the reports finance and admins export. */
  reports: {
    statsUsage: string;
    auditUsage: string;
    /** A comment line in the audit CSV for a line of the trail that cannot be read; the export goes on. */
    notAnAuditEntry(file: string, line: number): string;
  };
  /** `npm run migrate`: PostgreSQL schema migrations. `target` is the connection string without its password. */
  migrate: {
    applied(names: string[], schema: string, target: string, version: number): string;
    upToDate(schema: string, target: string, version: number): string;
    noDatabase: string;
    failed(target: string, reason: string): string;
  };
  escalations: {
    title(id: string, invoice: string): string;
    status(status: EscalationStatus): string;
    urgency(urgent: boolean): string;
    requester: string;
    followers: string;
    assignee: string;
    due(first: string, resolution: string): string;
    checks: string;
    note: string;
    resolution(cause: string, note: string): string;
    cause(cause: ResolutionCause): string;
    reason(reason: EscalationReason): string;
    /** Where to turn when neither the bot nor finance can solve it (12366, the local tax bureau). */
    taxAuthorityAdvice: string;
    duplicateOf(id: string): string;
    /** A thread line; `urgency_raised` carries the new resolution due time, already formatted. */
    event(event: EscalationEvent): string;
    toPerson(escalation: Escalation, event: EscalationEvent): string;
    /** The same status change for a follower who may not see the invoice: no amounts, no tax ids, no free text. */
    toFollower(escalation: Escalation, event: EscalationEvent): string;
    toAssignee(id: string, invoice: string, by: string, link: string | undefined): string;
    reminder(id: string, reminder: SlaReminder, due: string): string;
    filed(id: string, due: string): string;
    /** Where an open escalation really stands: "open, not claimed yet", "claimed by …". */
    progress(status: EscalationStatus, assignee: string | undefined): string;
    followed(id: string, progress: string): string;
    repeated(id: string, progress: string, noted: boolean, raisedDue: string | undefined): string;
    urgentHow: string;
    waitingUsage: string;
    resolveNext(id: string, cause: number, label: string): string;
    assigneeNotAllowed(user: string): string;
    duplicateSelf: string;
    /** `id` cannot be reopened: `open` is the invoice's open escalation. */
    alreadyOpen(id: string, open: string): string;
    differentInvoice(id: string, of: string, invoice: string, otherInvoice: string): string;
    /** What the SLA badges mean. */
    legend: string;
    /** A target an escalation is past, in the weekly check. */
    pastTarget(first: boolean, due: string): string;
    chooseUrgency: string;
    normal: string;
    urgent: string;
    claim: string;
    waiting: string;
    resolve: string;
    reopen: string;
    assign: string;
    duplicate: string;
    actionForm: {
      title: string;
      submit: string;
      cause: string;
      note: string;
      assignee: string;
      original: string;
      noteRequired: string;
      badOriginal: string;
      question: string;
      questionRequired: string;
      reason: string;
      reasonHint: string;
    };
    view: string;
    /** The button on a (masked) escalation post that shows finance the full card privately. */
    details: string;
    listMine: string;
    listQueue: string;
    /** Title of `/invoice escalations all`. */
    listAll: string;
    /** Title of `/invoice escalations <status>`, with the status's label. */
    listStatus: (status: string) => string;
    none: string;
    refused: string;
    notFound(id: string): string;
    invalid(from: string, action: string): string;
    done(id: string, status: string): string;
    usage: string;
    resolveUsage(causes: string): string;
    relayedToFinance(id: string): string;
    relayRefused: string;
    digest(count: number, overdue: number, dueSoon: number): string;
    weekly(missing: number, overdue: number, windows: number): string;
    weeklyMissing: string;
    weeklyOverdue: string;
    weeklyWindows: string;
    calendarMissing(year: number): string;
    form: {
      title: string;
      submit: string;
      cancel: string;
      invoice: string;
      urgency: string;
      note: string;
      notePlaceholder: string;
      badInvoice: string;
      urgentNeedsNote: string;
    };
  };
  notices: {
    system(system: NoticeSystem): string;
    fn(name: string): string;
    status(status: NoticeStatus): string;
    heading(system: string, status: string): string;
    window(from: string, to: string): string;
    affects(functions: string): string;
    event(event: NoticeEvent, time: string): string;
    problem(problem: NoticeProblem): string;
    kind(kind: NoticeKind): string;
    /** "数电, red invoices": the invoice kinds a policy change affects. */
    invoiceKinds(kinds: readonly PolicyInvoiceKind[]): string;
    policyHeading(status: NoticeStatus, effective: string): string;
    policyAffects(kinds: string, functions: string): string;
    link(url: string): string;
    policyInEffect: string;
    policyListTitle: string;
    /** The context line on a card and the walk-through's first step. */
    policyContext(effective: string, kinds: string, explanation: string): string;
    weeklyPolicies: string;
    badKind(text: string): string;
    none: string;
    listTitle: string;
    usage: string;
    preview: string;
    send: string;
    discard: string;
    discarded: string;
    report(id: string, ok: number, failed: number): string;
    channelOk(channel: string): string;
    channelFailed(channel: string, error: string): string;
    changed(id: string, status: string): string;
    notFound(id: string): string;
    finished(id: string, status: string): string;
    badTime(text: string): string;
    badFunction(text: string): string;
    refused: string;
    draftGone: string;
    form: {
      title: string;
      previewTitle: string;
      preview: string;
      send: string;
      cancel: string;
      system: string;
      functions: string;
      starts: string;
      ends: string;
      started: string;
      startedOption: string;
      messageEn: string;
      messageZh: string;
      channels: string;
      reminders: string;
      reminder(minutes: number): string;
      kind: string;
      effective: string;
      invoiceKinds: string;
      link: string;
      policyTitle: string;
    };
  };
  checklist: {
    intro(id: string): string;
    resumed(id: string): string;
    stepHeader(n: number, total: number, title: string): string;
    checked(what: string): string;
    ruledOut: string;
    likely: string;
    ask: string;
    ruledOutReason(step: StepId): string;
    askDay: string;
    askTotal: string;
    badDay(text: string): string;
    badTotal(text: string): string;
    /** `actual` only for a reader who may see the record's values (the masking rule). */
    dayDiffers(said: string, actual: string | undefined): string;
    totalDiffers(said: string, actual: string | undefined): string;
    amountDiffers(said: string, actual: string | undefined): string;
    dayMatches(said: string): string;
    totalMatches(said: string): string;
    amountMatches(said: string): string;
    searchMatches: string;
    /**
     * The same comparisons when the values were read from a QR code the user sent, not typed as how they search: the
     * QR code says them, the user did not.
     */
    qr: {
      dayDiffers(said: string, actual: string | undefined): string;
      totalDiffers(said: string, actual: string | undefined): string;
      dayMatches(said: string): string;
      totalMatches(said: string): string;
      searchMatches: string;
    };
    allClear: string;
    /** The same end for a finance lead, who is given finance's next step instead of being told to escalate. */
    allClearFinance(next: string): string;
    foundEarlier(step: number, title: string, cause: string): string;
    idMatches: string;
    issuedPerTax: string;
    change: string;
    solved: string;
    next: string;
    escalate: string;
    watch: string;
    skip: string;
    restart: string;
    solvedReply: string;
    watchReply(id: string): string;
    watchExists(id: string): string;
    alreadyDone: string;
    ended(status: string): string;
    expired(hours: number): string;
    missing: string;
    whichInvoice: string;
    lost: string;
  };
  /** Feedback, the first greeting and the bot's figures. */
  stats: StatsCatalog;
};
