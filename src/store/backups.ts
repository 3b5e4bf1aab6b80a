import { access, cp, mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { systemClock } from '../lib/clocks.js';
import { loadChinaCalendar } from './china-calendar.js';
import { loadFilingTable } from './filing-calendar-file.js';
import { readQuestionLog } from './jsonl-question-log.js';
import { openLowdbStores } from './open-lowdb-stores.js';
import { loadChecklistConfig, loadSettings } from './settings-file.js';
import { moveDurably, syncDir, syncTree, tempNameFor, writeFileAtomic } from './write-file-atomic.js';

// A restore stages the backup here, and moves the live data here while it swaps; both sit inside DATA_DIR so the
// swap is a rename on one file system.
const STAGING = '.restore-staging';
const REPLACED = '.restore-replaced';
// Present exactly while the swap runs, naming what comes from staging: a restart that finds it rolls the swap back.
const SWAP = '.restore-swap.json';
// Backups live beside the data they copy; these never go into a backup, and a restore never replaces them (`cache`
// holds the invoice index image, rebuilt from the shards whenever they differ from it).
const SKIP = new Set(['backups', 'inbox', '.lock', 'cache', STAGING, REPLACED, SWAP]);
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
  // Copied under a temp name, flushed to disk, then renamed: a backup that has its name is complete, even after a
  // crash or power cut in the middle (`cp` alone flushes nothing). A crash leaves only the temp folder, removed at
  // the next start.
  const partial = tempNameFor(join(backupsDir(dataDir), name));
  await mkdir(partial, { recursive: true });
  for (const entry of await readdir(dataDir)) {
    if (!SKIP.has(entry)) await cp(join(dataDir, entry), join(partial, entry), { recursive: true });
  }
  await syncTree(partial);
  const target = await moveToFreeName(partial, join(backupsDir(dataDir), name));
  // `keep` (the backup being restored) is never pruned, however old it is; temp folders are no backups.
  const all = (await readdir(backupsDir(dataDir))).sort().filter((b) => b !== keep && !b.startsWith('.'));
  for (const old of all.slice(0, Math.max(0, all.length - KEEP_BACKUPS + (keep ? 1 : 0))))
    await rm(join(backupsDir(dataDir), old), { recursive: true, force: true });
  return target;
}

/**
 * Renames a finished backup to `target`, or to `target-2`, `target-3`… when a backup of the same moment and reason
 * exists (two syncs within one millisecond, or a fixed clock): a second backup never fails, and never mixes into the
 * first. The rename itself decides, so two backups racing for one name both succeed. Returns the name it took.
 */
async function moveToFreeName(from: string, target: string): Promise<string> {
  for (let n = 1; ; n++) {
    const to = n === 1 ? target : `${target}-${n}`;
    // rename() onto an existing folder fails only when that folder has entries (a backup always does); an empty one
    // is a leftover of nothing and may be replaced.
    try {
      await moveDurably(from, to);
      return to;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
  }
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
 * Proves a backup can be restored: copies it to a temporary folder, opens there everything the bot opens at start
 * (which parses every file and rebuilds every index), and reports what it holds. Throws, naming the file in the
 * backup and the reason, if anything is unreadable.
 */
export async function verifyBackup(backup: string): Promise<BackupReport> {
  const scratch = await mkdtemp(join(tmpdir(), `invoice-desk-verify-${basename(backup)}-`));
  try {
    await cp(backup, scratch, { recursive: true });
    return await openEveryStore(scratch);
  } catch (error) {
    // The damaged file is named where it is in the backup, not in the scratch copy that is about to go.
    if (error instanceof Error) error.message = error.message.split(scratch).join(backup);
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

// What the bot opens at start, in the same way, so a backup that verifies is one the bot starts on: every store of
// DATA_DIR (schedule, dedupe keys, deduction selections included) and every file an admin edits. The audit trail is
// the one thing left out: it is only appended to, and `npm run audit` reports a damaged line and goes on.
async function openEveryStore(dir: string): Promise<BackupReport> {
  const ports = await openLowdbStores(dir, systemClock);
  try {
    await ports.openDedupe(() => undefined);
    // The figures' events: read in full, as the bot's figures read them.
    await readQuestionLog(join(dir, 'state', 'questions.jsonl'));
    await loadSettings(dir);
    await loadChecklistConfig(dir);
    await loadChinaCalendar(dir);
    await loadFilingTable(dir);
    return {
      ...(await ports.store.counts()),
      escalations: (await ports.escalations.all()).length,
      notices: (await ports.notices.all()).length,
      walkThroughs: (await ports.sessions.all()).length,
      watches: (await ports.watches.list()).length,
    };
  } finally {
    await ports.audit.close();
    await ports.close();
  }
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
 * moves the live data back; so does the next start after a crash or power cut during it
 * ({@link finishInterruptedRestore}). Every copied file and every rename is flushed to disk before the swap counts
 * as done. The caller holds the data lock.
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
  await finishInterruptedRestore(live);
  let report: BackupReport;
  try {
    await mkdir(staging);
    for (const entry of await readdir(source))
      if (!SKIP.has(entry)) await cp(join(source, entry), join(staging, entry), { recursive: true });
    // On disk before any of it is renamed into place: a power cut must not leave the live data as empty files.
    await syncTree(staging);
    report = await openEveryStore(staging);
    // Opening the staged stores wrote their own index image (the live one stays, rebuilt at start if stale) and made
    // the folders of stores the backup has no file of: only what the backup holds is placed.
    const held = new Set((await readdir(source)).filter((entry) => !SKIP.has(entry)));
    for (const entry of await readdir(staging))
      if (!held.has(entry)) await rm(join(staging, entry), { recursive: true, force: true });
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
  await mkdir(replaced);
  await writeFileAtomic(join(live, SWAP), JSON.stringify({ placing: await readdir(staging) }));
  try {
    for (const entry of await readdir(live))
      if (!SKIP.has(entry)) await rename(join(live, entry), join(replaced, entry));
    for (const entry of await readdir(staging)) await rename(join(staging, entry), join(live, entry));
    // The swap reaches the disk before it counts as done and the replaced data is deleted: a power cut after the
    // delete must not bring back names that point at nothing.
    for (const dir of [live, replaced, staging]) await syncDir(dir);
  } catch (error) {
    await finishInterruptedRestore(live);
    throw error;
  }
  await rm(join(live, SWAP));
  await syncDir(live);
  await rm(staging, { recursive: true, force: true });
  await rm(replaced, { recursive: true, force: true });
  return { report, safety };
}

/**
 * Cleans up after a restore that did not finish (it failed, or the process was killed or lost power), with the data
 * lock held. During the swap the live data is put back exactly as it was before it: what was moved aside comes back,
 * what came from the backup goes (the backup itself is untouched). Before or after the swap only the restore's
 * scratch folders are removed. Runs at every start, before any store opens.
 */
export async function finishInterruptedRestore(dataDir: string): Promise<void> {
  const live = resolve(dataDir);
  const staging = join(live, STAGING);
  const replaced = join(live, REPLACED);
  const marker = join(live, SWAP);
  const text = await readFile(marker, 'utf8').catch(() => undefined);
  if (text !== undefined) {
    const exists = (path: string) =>
      access(path).then(
        () => true,
        () => false,
      );
    const placing = new Set((JSON.parse(text) as { placing: string[] }).placing);
    for (const entry of new Set([...placing, ...(await readdir(replaced).catch(() => []))])) {
      if (await exists(join(replaced, entry))) {
        // Moved aside: whatever holds its name now came from the backup.
        await rm(join(live, entry), { recursive: true, force: true });
        await rename(join(replaced, entry), join(live, entry));
      } else if (placing.has(entry) && !(await exists(join(staging, entry)))) {
        // Came from the backup and replaced nothing.
        await rm(join(live, entry), { recursive: true, force: true });
      }
    }
    await syncDir(live);
    await rm(marker);
    await syncDir(live);
  }
  await rm(staging, { recursive: true, force: true });
  await rm(replaced, { recursive: true, force: true });
}
