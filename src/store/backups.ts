import { cp, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { createLowdbChecklistStore } from './lowdb-checklist-store.js';
import { createLowdbEscalationStore } from './lowdb-escalation-store.js';
import { createLowdbInvoiceStore } from './lowdb-invoice-store.js';
import { createLowdbNoticeStore } from './lowdb-notice-store.js';
import { createLowdbPrefsStore } from './lowdb-prefs-store.js';
import { createLowdbWatchStore } from './lowdb-watch-store.js';

// A restore stages the backup here, and moves the live data here while it swaps; both sit inside DATA_DIR so the
// swap is a rename on one file system.
const STAGING = '.restore-staging';
const REPLACED = '.restore-replaced';
// Backups live beside the data they copy; these never go into a backup, and a restore never replaces them.
const SKIP = new Set(['backups', 'inbox', '.lock', STAGING, REPLACED]);
/** How many backups are kept; older ones are deleted after each new one. */
export const KEEP_BACKUPS = 14;

/** Where backups of a DATA_DIR live. */
export function backupsDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

/**
 * Copies everything in DATA_DIR (data, state, audit, settings) to `backups/<time>-<reason>/` and drops the oldest
 * backups beyond {@link KEEP_BACKUPS}. Returns the new backup's folder.
 */
export async function createBackup(dataDir: string, reason: string, now: Date, keep?: string): Promise<string> {
  const name = `${now.toISOString().replace(/[:.]/g, '-')}-${reason.replace(/[^a-z0-9-]/gi, '')}`;
  const target = join(backupsDir(dataDir), name);
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(dataDir)) {
    if (!SKIP.has(entry)) await cp(join(dataDir, entry), join(target, entry), { recursive: true });
  }
  // `keep` (the backup being restored) is never pruned, however old it is.
  const all = (await readdir(backupsDir(dataDir))).sort().filter((b) => b !== keep);
  for (const old of all.slice(0, Math.max(0, all.length - KEEP_BACKUPS + (keep ? 1 : 0))))
    await rm(join(backupsDir(dataDir), old), { recursive: true, force: true });
  return target;
}

/** What a verified backup holds. */
export type BackupReport = {
  ledger: number;
  tax: number;
  escalations: number;
  notices: number;
  walkThroughs: number;
  watches: number;
};

/**
 * Proves a backup can be restored: copies it to a temporary folder, opens every store there (which parses every
 * file and rebuilds every index), and reports what it holds. Throws, naming the file, if anything is unreadable.
 */
export async function verifyBackup(backup: string): Promise<BackupReport> {
  const scratch = await mkdtemp(join(tmpdir(), `invoice-desk-verify-${basename(backup)}-`));
  try {
    await cp(backup, scratch, { recursive: true });
    return await openEveryStore(scratch);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

// Opening every store parses every file and rebuilds every index: what the bot would do at start.
async function openEveryStore(dir: string): Promise<BackupReport> {
  const counts = (await createLowdbInvoiceStore(dir)).counts();
  await createLowdbPrefsStore(dir);
  return {
    ...counts,
    escalations: (await createLowdbEscalationStore(dir)).all().length,
    notices: (await createLowdbNoticeStore(dir)).all().length,
    walkThroughs: (await createLowdbChecklistStore(dir)).all().length,
    watches: (await createLowdbWatchStore(dir)).list().length,
  };
}

/** A restore that was refused before anything changed; the message names why. */
export class RestoreRefusedError extends Error {
  constructor(readonly code: 'source_is_data_dir') {
    super(code);
  }
}

/**
 * Replaces DATA_DIR's contents with a backup's without ever losing data. The source may be outside DATA_DIR or one of
 * its backups, never DATA_DIR itself or other data inside it. The backup is copied aside into DATA_DIR and opened
 * there first; then the current state is backed up (never pruning the backup being restored); only then is the live
 * data swapped out by rename. Any failure before the swap leaves the live data untouched, and a failure during it
 * moves the live data back. The caller holds the data lock.
 */
export async function restoreBackup(
  dataDir: string,
  backup: string,
  now: Date,
): Promise<{ report: BackupReport; safety: string }> {
  const live = resolve(dataDir);
  const source = resolve(backup);
  const inside = (parent: string, child: string) => {
    const rel = relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  const fromBackups = inside(backupsDir(live), source) && source !== backupsDir(live);
  if ((inside(live, source) && !fromBackups) || inside(source, live))
    throw new RestoreRefusedError('source_is_data_dir');
  const staging = join(live, STAGING);
  const replaced = join(live, REPLACED);
  await rm(staging, { recursive: true, force: true });
  let report: BackupReport;
  try {
    await mkdir(staging);
    for (const entry of await readdir(source))
      if (!SKIP.has(entry)) await cp(join(source, entry), join(staging, entry), { recursive: true });
    report = await openEveryStore(staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const safety = await createBackup(
    live,
    'before-restore',
    now,
    fromBackups ? relative(backupsDir(live), source).split(sep)[0] : undefined,
  );
  await rm(replaced, { recursive: true, force: true });
  await mkdir(replaced);
  const moved: string[] = [];
  const placed: string[] = [];
  try {
    for (const entry of await readdir(live)) {
      if (SKIP.has(entry)) continue;
      await rename(join(live, entry), join(replaced, entry));
      moved.push(entry);
    }
    for (const entry of await readdir(staging)) {
      await rename(join(staging, entry), join(live, entry));
      placed.push(entry);
    }
  } catch (error) {
    // Put the live data back exactly as it was: take out only what was placed, move back only what was moved.
    for (const entry of placed) await rm(join(live, entry), { recursive: true, force: true });
    for (const entry of moved) await rename(join(replaced, entry), join(live, entry));
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await rm(staging, { recursive: true, force: true });
  await rm(replaced, { recursive: true, force: true });
  return { report, safety };
}
