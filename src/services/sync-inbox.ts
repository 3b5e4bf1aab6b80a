import { type Actor, isFinance } from '../domain/actor.js';
import { invoiceKey, keyToId } from '../domain/identifier.js';
import { type ImportSource, importSourceOfHeader } from '../domain/import-source.js';
import { KeyList } from '../lib/key-list.js';
import { err, ok, type Result } from '../lib/result.js';
import { createSlicer } from '../lib/slicer.js';
import { UnreadableFileError } from '../lib/unreadable-file-error.js';
import type { Announcement, Inbox, InboxFile, Notifier, WatchStore } from '../ports.js';
import { type ImportError, type ImportRequest, type ImportSummary, importRecords } from './import-records.js';
import { type LookupDeps, lookUpInvoice } from './look-up-invoice.js';
import { selectionPeriod } from './selection-period.js';

/** What a sync needs. `backup` copies DATA_DIR before anything is written and returns where. */
export type SyncDeps = {
  lookup: LookupDeps;
  inbox: Inbox;
  watches: WatchStore;
  notifier: Notifier;
  backup: () => Promise<string>;
  /** The DM a watcher gets when the invoice appears or changes state. */
  watchMessage: (userId: string, invoiceKey: string, statusLabel: string) => Promise<Announcement>;
};

/** A file that failed validation and was moved to `inbox/rejected/`, with the list of its problems beside it. */
export type RejectedFile = { name: string; error: ImportError; movedTo: string; problems: string };

/** The reconciliation after a sync: what appeared, what changed, what is still missing, what disagrees. */
export type SyncReport = {
  backup: string;
  rejected: RejectedFile[];
  files: Array<{ name: string; summary: ImportSummary }>;
  visible: string[];
  changed: Array<{ key: string; from: string; to: string }>;
  missing: Array<{ key: string; requester?: string }>;
  disagreements: Array<{ key: string; cause: string }>;
  watchersNotified: number;
};

/** Why a sync wrote nothing. */
export type SyncError =
  | { code: 'not_allowed' }
  | { code: 'empty_inbox' }
  | { code: 'none_synced'; rejected: RejectedFile[] };

/** What a sync is asked to do: an optional limit, and how a refused file's problems are written for people. */
export type SyncRequest = {
  keep?: ImportRequest['keep'];
  describe: (file: string, error: ImportError) => string;
};

/**
 * The source a dropped file feeds: the one its header row names (the platform's exports have fixed columns, the
 * ledger its own names), else the one its name suggests. A file that cannot be read keeps its name's guess; the
 * import then says why it cannot be read.
 */
async function sourceOf(file: InboxFile): Promise<ImportSource> {
  try {
    for await (const header of file.rows()) return importSourceOfHeader(header) ?? file.source;
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
  }
  return file.source;
}

const OVERDUE = new Set(['overdue', 'not_synced_yet']);
const DISAGREE = new Set(['mismatch', 'wrong_buyer']);

/**
 * Imports every file waiting in the inbox (finance leads and admins only). Every file is validated first; one with
 * any invalid row, or that cannot be read at all, is moved to `inbox/rejected/` with its problems beside it and
 * nothing of it is written — the other files still sync. Before the first write DATA_DIR is backed up; synced files
 * are moved aside, watchers of invoices that appeared or changed get one DM each, and the reconciliation report is
 * returned.
 */
export async function syncInbox(
  deps: SyncDeps,
  actor: Actor,
  request: SyncRequest,
): Promise<Result<SyncReport, SyncError>> {
  if (!isFinance(actor)) return err({ code: 'not_allowed' });
  const keep = request.keep;
  const waiting = await deps.inbox.files();
  if (waiting.length === 0) return err({ code: 'empty_inbox' });
  const { store, clock, zone, deductions, filing, calendar } = deps.lookup;
  const importDeps = {
    store,
    clock,
    zone,
    ...(deductions ? { deductions: { store: deductions, period: selectionPeriod(filing, calendar, zone) } } : {}),
  };
  const files: Array<InboxFile & { source: ImportSource }> = [];
  const rejected: RejectedFile[] = [];
  let invoiceRows = 0;
  for (const dropped of waiting) {
    const f = { ...dropped, source: await sourceOf(dropped) };
    const checked = await importRecords(importDeps, { source: f.source, file: f.name, rows: f.rows(), dryRun: true });
    if (checked.ok) {
      files.push(f);
      if (f.source !== 'deduction') invoiceRows += checked.value.rows;
      continue;
    }
    const now = deps.lookup.clock.now();
    const moved = await deps.inbox.reject(f.name, now, request.describe(f.name, checked.error));
    rejected.push({ name: f.name, error: checked.error, movedTo: moved.file, problems: moved.problems });
  }
  if (files.length === 0) return err({ code: 'none_synced', rejected });
  const backup = await deps.backup();
  const report: SyncReport = {
    backup,
    rejected,
    files: [],
    visible: [],
    changed: [],
    missing: [],
    disagreements: [],
    watchersNotified: 0,
  };
  // The invoices this sync's imports touched, each once: as bytes (KeyList), not a Set of strings, since the ledger
  // file's million keys would otherwise be on the heap while the tax file's import runs. Sized for every row checked
  // above, so its index never grows (a step that would stall the loop) while the files' keys are added.
  const touched = new KeyList(invoiceRows);
  const days: Array<{ from: string; to: string }> = [];
  // Long loops below go in slices with the event loop given back between them, as the import itself does, so a
  // running bot goes on answering.
  const pause = createSlicer();
  let row = 0;
  for (const f of files) {
    const result = await importRecords(importDeps, {
      source: f.source,
      file: f.name,
      rows: f.rows(),
      ...(keep ? { keep } : {}),
    });
    // Validated a moment ago; a file changed on disk since then is a fault, not a user's mistake.
    if (!result.ok) throw new Error(`${f.name} changed during the sync: ${result.error.code}`);
    report.files.push({ name: f.name, summary: result.value });
    // Deduction selections touch no invoice record: they neither make an invoice visible nor fulfil a watch.
    if (f.source !== 'deduction') {
      const keys = result.value.touched;
      for (let i = 0; i < keys.size; i++) {
        const paused = pause(row++);
        if (paused) await paused;
        touched.addFrom(keys, i);
      }
    }
    if (result.value.from && result.value.to) days.push({ from: result.value.from, to: result.value.to });
    await deps.inbox.done(f.name, deps.lookup.clock.now());
  }
  const now = deps.lookup.clock.now().toISOString().slice(0, 16);
  // A sync of a million rows reads a million invoices back here and diagnoses the covered days' invoices.
  for (const key of touched) {
    await pause(row++);
    const pair = await deps.lookup.store.get(keyToId(key));
    const change = pair.tax?.history.at(-1);
    if (change && change.at.slice(0, 16) === now) report.changed.push({ key, from: change.from, to: change.to });
    else if (pair.tax && pair.ledger && pair.tax.history.length === 0) report.visible.push(key);
  }
  // Still missing, and disagreements, among the issue days this sync covered (once each, however many ranges hold it).
  const missing = new Set<string>();
  const disagreeing = new Set<string>();
  for (const range of days) {
    for (const pair of (await deps.lookup.store.find({ dayFrom: range.from, dayTo: range.to }, 100_000)).pairs) {
      await pause(row++);
      const facts = pair.ledger ?? pair.tax;
      const id = facts?.ids[0];
      if (!id) continue;
      const cause = (await lookUpInvoice(deps.lookup, { raw: '', id, problems: [] })).diagnosis.cause;
      const key = invoiceKey(id);
      if (OVERDUE.has(cause) && !missing.has(key)) {
        missing.add(key);
        report.missing.push({ key, ...(pair.ledger?.requester ? { requester: pair.ledger.requester } : {}) });
      }
      if (DISAGREE.has(cause) && !disagreeing.has(key)) {
        disagreeing.add(key);
        report.disagreements.push({ key, cause });
      }
    }
  }
  for (const watch of await deps.watches.list()) {
    await pause(row++);
    const tax = (await deps.lookup.store.get(keyToId(watch.invoiceKey))).tax;
    if (!tax || !touched.has(watch.invoiceKey)) continue;
    // Another replica may fulfil the same watch at this moment: only the one that removed it tells the user.
    if (!(await deps.watches.remove(watch))) continue;
    await deps.notifier.direct(watch.userId, await deps.watchMessage(watch.userId, watch.invoiceKey, tax.statusLabel));
    report.watchersNotified += 1;
  }
  return ok(report);
}
