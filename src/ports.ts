import type { WorkingCalendar } from './domain/business-time.js';
import type { ChecklistSession } from './domain/checklist-session.js';
import type { DeductionEntry, DeductionImport, DeductionRecord } from './domain/deduction-record.js';
import type { Direction } from './domain/direction.js';
import type { Escalation, EscalationEvent, SlaReminder } from './domain/escalation.js';
import type { FilingDeadline, FilingTable } from './domain/filing-calendar.js';
import type { InvoiceId } from './domain/identifier.js';
import type { ImportSource } from './domain/import-source.js';
import type { Coverage, InvoicePair, LedgerRecord, TaxRecord } from './domain/invoice.js';
import type { MaintenanceWindow } from './domain/maintenance-window.js';
import type { Fen } from './domain/money.js';
import type { Notice, NoticeEvent } from './domain/notice.js';
import type { QuestionEvent, QuestionEventOf } from './domain/question-event.js';
import type { RecordLines } from './domain/record-lines.js';
import type { ImportError, ImportedRecord, RowCheck } from './domain/row-validator.js';
import type { Language } from './i18n/language.js';
import type { KeyList } from './lib/key-list.js';
import type { Result } from './lib/result.js';

/** Reads the current time; the only way services learn it, so tests and the console can move it. */
export interface Clock {
  now(): Date;
}

/** Facts a user may remember about an invoice when they do not have its id. */
export type FindQuery = {
  total?: Fen;
  dayFrom?: string;
  dayTo?: string;
  name?: string;
  /** A seller's or buyer's taxpayer id (finance leads and admins only). */
  taxId?: string;
  /** Only invoices whose ledger record names this requester (an employee finds only their own). */
  requester?: string;
};

/**
 * What `find` answers: the most recent matches (at most the limit asked for), and how many match in all — exact when
 * `more` is false; when `more` is true, more than `count` match (counting stopped there, so no query scans a
 * million records).
 */
export type FindResult = { pairs: InvoicePair[]; count: number; more: boolean };

/** What one import changed. */
export type ImportChanges = {
  added: number;
  changed: number;
  unchanged: number;
  /**
   * Storage keys of the records added or changed, in order, for the sync's reconciliation report and its watchers: as
   * bytes, not strings, since a sync holds a million of them while its next import runs.
   */
  touched: KeyList;
};

/** The reads of one invoice's lookup ({@link InvoiceStore.lookup}). */
export type InvoiceReads = { pair: InvoicePair; coverage: Coverage[]; reversedBy: InvoiceId[] };

/** Both record sources, indexed by every identifier; an import replaces records all-or-nothing. */
export interface InvoiceStore {
  /** The ledger and tax records for any of an invoice's ids. */
  get(id: InvoiceId): Promise<InvoicePair>;
  /** True if either source has a record under this id. */
  has(id: InvoiceId): Promise<boolean>;
  /** The given ids that either source has, in the given order: many probes (near matches) in one round trip. */
  known(ids: InvoiceId[]): Promise<InvoiceId[]>;
  /** Invoices whose legacy 8-digit number, or the last 8 digits of whose 数电 number, equal `number`. */
  byNumber8(number: string): Promise<InvoiceId[]>;
  /** Red-letter invoices that reverse the given blue invoice. */
  reversedBy(id: InvoiceId): Promise<InvoiceId[]>;
  /** Invoices matching every given fact, most recent first, and how many match (see {@link FindResult}). */
  find(query: FindQuery, limit: number): Promise<FindResult>;
  /** The issue-date ranges each tax import covered. */
  coverage(): Promise<Coverage[]>;
  /**
   * What a lookup of one invoice reads: `get`, `coverage` and `reversedBy` answered together. Optional: a store over
   * the network answers them in one round trip (one query); without it the three are asked side by side.
   */
  lookup?(id: InvoiceId): Promise<InvoiceReads>;
  /** Ledger invoices the tax data does not have yet (a full scan: for the weekly check, not the request path). */
  missingFromTax(): Promise<InvoiceId[]>;
  /** How many records each source holds. */
  counts(): Promise<{ ledger: number; tax: number }>;
  /** Stores a validated batch; unchanged records are not rewritten. */
  importLedger(records: LedgerRecord[], now: Date, meta?: Coverage): Promise<ImportChanges>;
  /** The last ledger import (when, which file, which issue days). */
  lastLedgerImport(): Promise<Coverage | undefined>;
  /** Stores a validated tax batch and records the coverage it brings. */
  importTax(records: TaxRecord[], coverage: Coverage | undefined, now: Date): Promise<ImportChanges>;
  /**
   * Stores a validated file's records of one source as they arrive in batches: what importLedger and importTax do
   * (all-or-nothing, unchanged records not rewritten, one import at a time), without every record held as an object
   * at once. `meta` is asked for once every batch was taken (the file's issue days are known then): the ledger
   * import's record, or the tax coverage (undefined for a filtered import). The records' ids must be distinct, as a
   * validated file's are. Optional: for a store that gets none, the importer collects the batches and calls
   * importLedger or importTax.
   */
  importBatches?(
    source: 'ledger' | 'tax',
    batches: AsyncIterable<Array<LedgerRecord | TaxRecord>>,
    now: Date,
    meta: () => Coverage | undefined,
  ): Promise<ImportChanges>;
  /**
   * What importBatches does, for batches as an import worker encodes them (`ImportRows.stream`): a store can file a
   * new record by its key and issue day and keep its JSON as it came. The iteration may throw (the file was refused
   * part-way): the store must then change nothing, and pass the error on. Optional, like importBatches.
   */
  importLines?(
    source: 'ledger' | 'tax',
    batches: AsyncIterable<RecordLines>,
    now: Date,
    meta: () => Coverage | undefined,
  ): Promise<ImportChanges>;
}

/**
 * Changes one stored item atomically: `change` receives the item exactly as stored at this moment and returns its
 * next version, or undefined to leave it alone. Nothing can change the item between that read and the write, so a
 * copy read before a slow `await` is never written back over someone else's change. Resolves to the item as stored
 * afterwards (undefined when there is no item with that id). `change` must be synchronous and must not mutate.
 */
export type Update<T> = (id: string, change: (current: T) => T | undefined) => Promise<T | undefined>;

/** Small per-user preferences. */
export interface PrefsStore {
  language(userId: string): Promise<Language | undefined>;
  setLanguage(userId: string, language: Language): Promise<void>;
}

/** Remembers keys already handled, so Slack re-deliveries and double clicks act once. */
export interface DedupeStore {
  /** True the first time a key is seen within its time to live; false afterwards. */
  firstSeen(key: string, now: Date): Promise<boolean>;
  /** True while a key {@link DedupeStore.remember}ed by any replica is within its time to live. Writes nothing. */
  seen(key: string, now: Date): Promise<boolean>;
  /**
   * Remembers a key until `now + ttlMs`, for every replica (a replayed request's signature, recorded once it was
   * answered). A key already remembered for longer keeps its longer time.
   */
  remember(key: string, now: Date, ttlMs: number): Promise<void>;
}

/** Maintenance windows known to the bot (the notices feature fills it). */
export interface WindowSource {
  windows(): Promise<MaintenanceWindow[]>;
}

/** Tax policy changes known to the bot (policy-change notices), for the answers they bear on. */
export interface PolicySource {
  policies(): Promise<Notice[]>;
}

/** Troubleshooting walk-throughs, active and finished (their outcomes feed the reports). */
export interface ChecklistStore {
  get(id: string): Promise<ChecklistSession | undefined>;
  /** The user's active walk-through for an invoice, if any. */
  active(userId: string, invoiceKey: string): Promise<ChecklistSession | undefined>;
  /** The user's active walk-through that waits for a typed answer, if any. */
  awaiting(userId: string): Promise<ChecklistSession | undefined>;
  /** Every walk-through, for outcome reports and the restart sweep. */
  all(): Promise<ChecklistSession[]>;
  /** Saves a walk-through; visible to `get` at once, durable when the promise resolves. */
  put(session: ChecklistSession): Promise<void>;
  /**
   * Saves a new active walk-through unless its user already has an active one for that invoice, atomically (two
   * replicas may start one for the same double click at the same instant): `started` is true for the one caller
   * whose walk-through was saved; `active` is the user's active walk-through for the invoice afterwards.
   */
  begin(session: ChecklistSession): Promise<{ started: boolean; active: ChecklistSession }>;
  /** Changes one walk-through atomically; see {@link Update}. */
  update: Update<ChecklistSession>;
  /** Drops every walk-through last touched before `before` (finished ones, and active ones left idle); the count. */
  prune(before: Date): Promise<number>;
}

/** A request to be told when an invoice appears in the tax data. */
export type Watch = { userId: string; invoiceKey: string; createdAt: string };

/** Watches on invoices ("tell me when it appears"); the sync feature fulfils them. */
export interface WatchStore {
  /** Adds a watch; false when the user already watches that invoice. */
  add(watch: Watch): Promise<boolean>;
  list(): Promise<Watch[]>;
  /**
   * Removes the user's watch on the invoice: true only for the one caller that removed it, so when two replicas
   * fulfil or expire the same watch at once, one of them tells the user.
   */
  remove(watch: Watch): Promise<boolean>;
}

/**
 * The rows of an import file, header first, as arrays of cells. A file on disk can also `check` itself: read,
 * decode, parse and validate every row on a worker thread, away from the bot's event loop, and only once all are
 * valid hand the records over in batches. Rows without `check` (tests, in-memory inboxes) are checked in-process.
 */
export type ImportRows = AsyncIterable<string[]> & { check?: CheckRows; stream?: StreamRows };

/**
 * Checks every row of a file against `check`. The error is the file's problems (or why it cannot be read); on
 * success `records` counts the valid records and `batches` hands them over, when `keepRecords` asked for them.
 */
export type CheckRows = (check: RowCheck, keepRecords: boolean) => Promise<Result<CheckedRows, ImportError>>;

/**
 * Checks every row of a file against `check` and hands over its valid records in batches while the check goes on,
 * so that storing them overlaps checking them. Once any row is invalid no more batches come, and the iteration
 * throws `RowsRefused` (src/domain/rows-refused.ts) with the file's problems (or why it cannot be read) after the
 * last row: whoever took batches must then discard them, which keeps an import all-or-nothing.
 */
export type StreamRows = (check: RowCheck) => AsyncIterable<RecordLines>;

/** A file whose every row is valid: how many records it holds, and (when kept) the records in batches. */
export type CheckedRows = { records: number; batches: AsyncIterable<ImportedRecord[]> };

/** An export file waiting in `DATA_DIR/inbox/` for the next sync; `source` is what its name suggests. */
export type InboxFile = { name: string; source: ImportSource; rows(): ImportRows };

/** Files dropped for the bot to import; a synced file is moved aside so it is never imported twice. */
export interface Inbox {
  files(): Promise<InboxFile[]>;
  /** Puts an uploaded export into the inbox. */
  add(name: string, content: Uint8Array): Promise<void>;
  done(name: string, now: Date): Promise<void>;
  /**
   * Moves a file that failed validation out of the way, to `inbox/rejected/` (timestamped), with `problems` written
   * beside it as `<name>.problems.txt`, so it never blocks the next sync. Resolves to both paths, relative to
   * `DATA_DIR`.
   */
  reject(name: string, now: Date, problems: string): Promise<{ file: string; problems: string }>;
}

/** Maintenance and update notices, with their lifecycle state. */
export interface NoticeStore {
  all(): Promise<Notice[]>;
  get(id: string): Promise<Notice | undefined>;
  /** Saves a notice; durable when the promise resolves. */
  put(notice: Notice): Promise<void>;
  /** Changes one notice atomically; see {@link Update}. */
  update: Update<Notice>;
}

/** A message for people, already in words: the adapter only lays it out. `actions` become buttons. */
export type Announcement = {
  text: string;
  context?: string;
  actions?: Array<{ id: string; label: string; style?: 'primary' | 'danger' }>;
};

/** Turns notices into words, in the bot's default language (announcements go to whole channels). */
export interface NoticeRenderer {
  announcement(notice: Notice): Announcement;
  event(notice: Notice, event: NoticeEvent): Announcement;
}

/** Result of one message to Slack (or the console): its ts, or Slack's error code. */
/** A sent message: its `ts`, and the conversation it landed in when that differs (a DM's `D…` id for a user id). */
export type Delivery = { ok: true; ts: string; channel?: string } | { ok: false; error: string };

/** Sends announcements; the Slack adapter paces them to about one message per second per channel. */
export interface Notifier {
  post(channel: string, message: Announcement, threadTs?: string): Promise<Delivery>;
  update(channel: string, ts: string, message: Announcement): Promise<Delivery>;
  direct(userId: string, message: Announcement): Promise<Delivery>;
  /** A link that opens a sent message, when the platform has one. */
  link(channel: string, ts: string): Promise<string | undefined>;
}

/** What the audit log records: who did what to which invoice or notice. Never amounts, tax ids or tokens. */
export type AuditEntry = {
  at: string;
  user: string;
  action:
    | 'lookup'
    | 'checklist_solved'
    | 'checklist_escalated'
    | 'checklist_abandoned'
    | 'notice_scheduled'
    | 'notice_changed'
    | 'escalation_filed'
    | 'escalation_followed'
    | 'escalation_changed'
    | 'sync'
    | 'refused';
  invoice?: string;
  notice?: string;
  detail?: string;
};

/** The append-only audit trail. */
export interface AuditLog {
  /** Records an entry; it may be written a little later (see `flush`). */
  record(entry: AuditEntry): Promise<void>;
  /** Writes every entry recorded so far. */
  flush(): Promise<void>;
  /** Flushes and releases the files; called once when the bot stops. */
  close(): Promise<void>;
}

/**
 * A filing as {@link EscalationStore.file} takes it: the escalation to create, and what to do instead when its invoice
 * already has an open one.
 */
export type EscalationFiling = {
  invoiceKey: string;
  /** The id's prefix, `ESC-<YYYYMMDD>-` for the day it is filed: the store appends the day's next number. */
  prefix: string;
  /** The new escalation under the id the store chose; must be about `invoiceKey`, and open. */
  create: (id: string) => Escalation;
  /** The change to make to the invoice's open escalation instead, as `update`'s `change` (synchronous, pure). */
  follow: (open: Escalation) => Escalation | undefined;
};

/** What filing did: stored a new escalation, or found the invoice's open one (as stored after `follow`). */
export type FilingOutcome = { created: Escalation } | { followed: Escalation };

/** Escalations to finance and their history. */
export interface EscalationStore {
  all(): Promise<Escalation[]>;
  get(id: string): Promise<Escalation | undefined>;
  /** The open escalation about an invoice, if any (a second one becomes a follower). */
  openFor(invoiceKey: string): Promise<Escalation | undefined>;
  /**
   * The newest escalation waiting on `userId` (its requester or a follower), if any: where their DM to the bot goes.
   * Asked on every such DM, so a database answers it from an index, not by reading every escalation.
   */
  waitingOn(userId: string): Promise<Escalation | undefined>;
  /** The escalation posted as message `ts` in `channel`, if any: where a reply in that thread goes. */
  byPost(channel: string, ts: string): Promise<Escalation | undefined>;
  /**
   * Files an escalation in one atomic step: when the invoice has an open escalation, `follow` changes it (as `update`
   * would); otherwise `create` is stored under the next id of the day. Two filings at once, on any replicas, never
   * make two open escalations for one invoice, nor give two escalations one id.
   */
  file(filing: EscalationFiling): Promise<FilingOutcome>;
  /**
   * Saves an escalation wholesale (imports and tests); filing goes through `file`, changes through `update`.
   */
  put(escalation: Escalation): Promise<void>;
  /**
   * Changes one escalation atomically; see {@link Update}. A change that would make a second open escalation for an
   * invoice throws `SecondOpenEscalationError` and changes nothing.
   */
  update: Update<Escalation>;
}

/** Turns escalations into words: the post and its thread in the bot's language, DMs in each person's. */
export interface EscalationRenderer {
  post(escalation: Escalation): Announcement;
  event(escalation: Escalation, event: EscalationEvent): Announcement;
  /**
   * The DM to the requester or a follower. `reveal` false (a follower who may not see the invoice): status only,
   * without finance's own words, which may quote amounts or tax ids.
   */
  toPerson(escalation: Escalation, event: EscalationEvent, language: Language, reveal: boolean): Announcement;
  /** The DM to the person an escalation was assigned to, with a link to its post when there is one. */
  toAssignee(
    escalation: Escalation,
    event: EscalationEvent,
    link: string | undefined,
    language: Language,
  ): Announcement;
  /** An SLA reminder: in the bot's language for the thread, or in `language` for one reader's DM. */
  reminder(escalation: Escalation, reminder: SlaReminder, language?: Language): Announcement;
  /** The open escalations with their SLA badges, as of `now`. */
  digest(open: Escalation[], now: Date): Announcement;
  /**
   * `overdue`: open escalations past either SLA target at `now`; `unselected`: received invoices of the return being
   * prepared not selected for deduction yet.
   */
  weeklyCheck(
    missing: Array<{ invoice: string; requester?: string }>,
    overdue: Escalation[],
    windows: MaintenanceWindow[],
    policies: Notice[],
    now: Date,
    unselected?: UnselectedReport,
  ): Announcement;
  /** China's holiday data for `year` is missing: an admin's warning, in that admin's `language`. */
  calendarMissing(year: number, language: Language): Announcement;
  /**
   * Finance's reminder before a filing deadline: the period's invoices still missing from the tax data, and its
   * received invoices not selected for deduction yet (or locked by a red-letter form).
   */
  filingReminder(
    deadline: FilingDeadline,
    daysLeft: number,
    missing: FilingReminderItem[],
    unselected: UnselectedItem[],
  ): Announcement;
  /** A requester's reminder before a filing deadline, in their language: their invoices still missing. */
  filingReminderToRequester(
    deadline: FilingDeadline,
    daysLeft: number,
    invoices: string[],
    language: Language,
  ): Announcement;
  /** The official filing deadlines of `year` are not in the bot's table yet: an admin's warning, in `language`. */
  filingCalendarMissing(year: number, language: Language): Announcement;
}

/** A received invoice not selected for deduction yet, or locked by a pending red-letter form (红字锁定). */
export type UnselectedItem = { invoice: string; kind: 'not_selected' | 'red_locked'; requester?: string };

/** The received invoices of a period not selected for deduction yet, with that period's deadline. */
export type UnselectedReport = { deadline: FilingDeadline; daysLeft: number; items: UnselectedItem[] };

/** One invoice in finance's reminder before a filing deadline. */
export type FilingReminderItem = { invoice: string; direction: Direction; requester?: string; escalation?: string };

/**
 * A replica's hold on one slot of a scheduled job (from {@link ScheduleStore.claim}). While it lasts no other caller
 * gets the slot; it ends with `complete` once the work succeeded, `release` when it failed, or by expiring when the
 * replica died, so the slot's work is left for the next tick of any replica instead of being lost.
 */
export interface ScheduleLease {
  /**
   * Steps of this slot (one message to one recipient) that an earlier holder finished before it failed or died: a
   * retry skips them, so it only does what was not done.
   */
  readonly done: ReadonlySet<string>;
  /** Records one step as finished and extends the lease, before the next step starts. */
  step(key: string): Promise<void>;
  /** The work succeeded: the slot becomes the job's last run and is never claimed again. */
  complete(): Promise<void>;
  /** The work failed: the lease ends now, its finished steps are kept, and the next claim retries the rest. */
  release(): Promise<void>;
  /**
   * The work succeeded and is recorded on its own item (an escalation's `reminded`, a notice's `done`): the lease
   * and its steps are forgotten, so the schedule keeps no row per item.
   */
  discard(): Promise<void>;
}

/**
 * When each scheduled job last ran (`digest` → `2026-11-27`), and who is running which slot now, so a job runs once
 * per slot even across restarts, and once across replicas sharing one database, and a replica that dies mid-job
 * leaves the slot to the others once its lease has expired.
 */
export interface ScheduleStore {
  /** The job's last completed slot. */
  lastRun(job: string): Promise<string | undefined>;
  /** Records `value` as the job's last completed slot, whoever holds a lease. */
  markRun(job: string, value: string): Promise<void>;
  /**
   * Takes a lease on slot `value` of the job, atomically: a lease for the one caller that got it; undefined when the
   * slot is the job's last completed one, or another caller (perhaps on another replica) holds a lease on the job
   * that has not expired. Mark the work done only after it succeeded (`complete`), so a failure or a crash mid-job
   * leaves it to be retried.
   */
  claim(job: string, value: string): Promise<ScheduleLease | undefined>;
}

/**
 * Short-lived memory of conversations that changes the next answer (the language a user last wrote in, the invoice
 * they last looked up, a "which invoice?" awaiting its answer, a notice preview awaiting Send). Shared by every
 * replica, so a follow-up that lands on another one is answered the same. Values are strings (callers encode them);
 * an entry is gone once its time to live has passed.
 */
export interface ConversationMemory {
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs` milliseconds, replacing what was there. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Forgets `key`; true only for the one caller that removed a live entry (so a value is taken at most once). */
  delete(key: string): Promise<boolean>;
}

/** The name of a GB/T 2260 administrative-division code (`310115` → 上海市浦东新区), or undefined when unknown. */
export type RegionNames = (code: string) => string | undefined;

/**
 * Deduction selections (抵扣类勾选) from the platform's export, by invoice key. Kept apart from the invoice records:
 * a separate, small source that an import replaces row by row, all-or-nothing.
 */
export interface DeductionStore {
  /** The selection stored for an invoice (by its storage key), if an export listed it. */
  get(invoiceKey: string): Promise<DeductionEntry | undefined>;
  /** Every stored selection, for the reminders before a deadline (one company's received invoices: small). */
  all(): Promise<DeductionEntry[]>;
  /**
   * Stores a validated export all-or-nothing: every row replaces the stored selection of its invoice, tagged with
   * the export's file and the period (`YYYY-MM`) it was taken for. Unchanged rows are counted as unchanged.
   */
  importSelections(
    records: DeductionRecord[],
    source: { file: string; period: string },
    now: Date,
  ): Promise<ImportChanges>;
  /** The last deduction-selection import, if any. */
  lastImport(): Promise<DeductionImport | undefined>;
}

/** What finance's figures are computed from (`src/domain/question-event.ts`): append-only, never amounts or tax ids. */
export interface QuestionLog {
  record(event: QuestionEvent): Promise<void>;
  /**
   * Records a person's answer to "Did this solve it?" unless they already answered about that invoice: true when
   * recorded, false for a second answer (a double click, an old message), which changes nothing.
   */
  answer(event: QuestionEventOf<'feedback'>): Promise<boolean>;
  /** True when the person already answered "Did this solve it?" about the invoice (storage key). */
  answered(user: string, invoice: string): Promise<boolean>;
  /** The events from `from` (inclusive) to `to` (exclusive), oldest first. */
  between(from: Date, to: Date): Promise<QuestionEvent[]>;
}

/** Who has been greeted in the bot's Messages tab, so each person is greeted once. */
export interface GreetingStore {
  /** True the first time it is asked about a user, false ever after (also across restarts). */
  firstVisit(userId: string): Promise<boolean>;
}

/** Every port the core needs; `main.ts` passes lowdb adapters, tests and benchmarks in-memory ones. */
export type CorePorts = {
  store: InvoiceStore;
  prefs: PrefsStore;
  sessions: ChecklistStore;
  watches: WatchStore;
  notices: NoticeStore;
  escalations: EscalationStore;
  schedule: ScheduleStore;
  memory: ConversationMemory;
  inbox: Inbox;
  /** Deduction selections (抵扣类勾选) from the platform's export, kept apart from the invoice records. */
  deductions: DeductionStore;
  /** Copies DATA_DIR (before a sync writes, and daily); returns where. */
  backup: (reason: 'before-sync' | 'daily') => Promise<string>;
  audit: AuditLog;
  notifier: Notifier;
  clock: Clock;
  calendar: WorkingCalendar;
  /** The official filing deadlines (shipped, plus DATA_DIR/filing-calendar.json). */
  filing: FilingTable;
  /** Names of the regions in taxpayer ids; without it the diagnosis shows the code alone. */
  regions?: RegionNames;
  /** Questions and their outcomes: what finance's figures are computed from. */
  questions: QuestionLog;
  /** Who has been greeted in the Messages tab. */
  greetings: GreetingStore;
};
