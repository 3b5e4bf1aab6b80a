import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createLowdbChecklistStore } from './lowdb-checklist-store.js';
import { createLowdbEscalationStore } from './lowdb-escalation-store.js';
import { createLowdbInvoiceStore } from './lowdb-invoice-store.js';
import { createLowdbNoticeStore } from './lowdb-notice-store.js';
import { createLowdbPrefsStore } from './lowdb-prefs-store.js';
import { createLowdbWatchStore } from './lowdb-watch-store.js';

// Backups live beside the data they copy; these never go into a backup.
const SKIP = new Set(['backups', 'inbox', '.lock']);
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
export async function createBackup(dataDir: string, reason: string, now: Date): Promise<string> {
  const name = `${now.toISOString().replace(/[:.]/g, '-')}-${reason.replace(/[^a-z0-9-]/gi, '')}`;
  const target = join(backupsDir(dataDir), name);
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(dataDir)) {
    if (!SKIP.has(entry)) await cp(join(dataDir, entry), join(target, entry), { recursive: true });
  }
  const all = (await readdir(backupsDir(dataDir))).sort();
  for (const old of all.slice(0, Math.max(0, all.length - KEEP_BACKUPS)))
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
    const counts = (await createLowdbInvoiceStore(scratch)).counts();
    await createLowdbPrefsStore(scratch);
    return {
      ...counts,
      escalations: (await createLowdbEscalationStore(scratch)).all().length,
      notices: (await createLowdbNoticeStore(scratch)).all().length,
      walkThroughs: (await createLowdbChecklistStore(scratch)).all().length,
      watches: (await createLowdbWatchStore(scratch)).list().length,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Replaces DATA_DIR's contents with a backup's, after verifying the backup and backing up the current state first
 * (so a restore can itself be undone). The caller holds the data lock.
 */
export async function restoreBackup(
  dataDir: string,
  backup: string,
  now: Date,
): Promise<{ report: BackupReport; safety: string }> {
  const report = await verifyBackup(backup);
  const safety = await createBackup(dataDir, 'before-restore', now);
  for (const entry of await readdir(dataDir)) {
    if (!SKIP.has(entry)) await rm(join(dataDir, entry), { recursive: true, force: true });
  }
  for (const entry of await readdir(backup)) await cp(join(backup, entry), join(dataDir, entry), { recursive: true });
  return { report, safety };
}
