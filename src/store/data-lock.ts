import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { tempNameFor } from './write-file-atomic.js';

/** Another live process owns this DATA_DIR (lowdb loses updates with two writers). */
export class DataLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly host: string = hostname(),
    replica = false,
  ) {
    super(
      replica
        ? `${dataDir} is in use by another Invoice Desk process (pid ${pid} on ${host}). With DATABASE_URL every replica needs a DATA_DIR of its own (its inbox, backups and settings files); the data they share is in the database.`
        : `${dataDir} is in use by another Invoice Desk process (pid ${pid} on ${host}). Stop it first, or ask the running bot to sync (drop files into ${join(dataDir, 'inbox')}).`,
    );
    this.name = 'DataLockedError';
  }
}

/** What `DATA_DIR/.lock` records: a token unique to this taking, and who took it (host, pid, process start). */
type LockInfo = { token: string; pid: number; host: string; started?: string };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// The kernel's start time of a process (clock ticks since boot, /proc/<pid>/stat field 22): with the pid it names
// one process, so a pid reused by another process is told apart. Undefined where /proc is not available.
function startOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function parse(text: string): LockInfo | undefined {
  let info: unknown;
  try {
    info = JSON.parse(text);
  } catch {
    info = undefined;
  }
  if (info && typeof info === 'object' && typeof (info as LockInfo).token === 'string') return info as LockInfo;
  // A lock from before tokens held only a pid.
  const pid = Number(text.trim());
  return pid ? { token: `pid-${pid}`, pid, host: hostname() } : undefined;
}

// Held unless provably dead: on another host it cannot be checked; here the pid must be alive and, when both start
// times are known, still be the same process.
function held(info: LockInfo): boolean {
  if (info.host !== hostname()) return true;
  if (!alive(info.pid)) return false;
  const now = startOf(info.pid);
  return !(info.started && now && info.started !== now);
}

/**
 * Takes `DATA_DIR/.lock` for this process (`replica`: a bot replica on PostgreSQL, whose refusal says that each
 * replica needs a DATA_DIR of its own). The lock file appears whole or not at all: it is written under a temp
 * name and hard-linked into place, which fails if a lock is there (so no one ever reads a half-written lock and
 * mistakes it for a dead one). A lock left by a dead process (or whose pid now belongs to another process) is taken
 * over only by the one process that creates `.lock.takeover-<hash of that lock>`, which then renames its own lock
 * over it — so of any number of processes starting at once exactly one wins, there is no moment without a lock,
 * and the others are told who holds it. Returns the release function.
 */
export async function lockDataDir(dataDir: string, replica = false): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, '.lock');
  const mine: LockInfo = { token: randomUUID(), pid: process.pid, host: hostname() };
  const started = startOf(process.pid);
  if (started) mine.started = started;
  const text = JSON.stringify(mine);
  for (let attempt = 0; attempt < 50; attempt++) {
    const outcome = await claim(file, text, 0);
    if (outcome === 'won')
      return async () => {
        const current = parse(await readFile(file, 'utf8').catch(() => ''));
        if (current?.token === mine.token) await rm(file, { force: true });
      };
    if (outcome.holder) throw new DataLockedError(dataDir, outcome.holder.pid, outcome.holder.host, replica);
    // Another process is taking a dead lock over right now: a moment later the lock is theirs, or free again.
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
  }
  throw new Error(`Could not take the lock ${file}`);
}

// A takeover guard of a guard (its taker died in the few operations a takeover takes) nests at most this deep.
const MAX_DEPTH = 3;

/**
 * One attempt at making `path` hold `text`: won, held by a live process (who), or to be tried again. `depth` > 0 is
 * a takeover guard, where a live holder is another process mid-takeover rather than the owner.
 */
async function claim(path: string, text: string, depth: number): Promise<'won' | { holder?: LockInfo }> {
  if (await place(path, text)) return 'won';
  const current = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  // Released in the meantime.
  if (current === undefined) return {};
  const info = parse(current);
  if (info && held(info)) return depth === 0 ? { holder: info } : {};
  if (depth >= MAX_DEPTH) return {};
  // Dead. Only the process holding this guard may replace exactly this content; a guard left by a taker that died
  // is itself taken over the same way.
  const guard = `${path}.takeover-${createHash('sha256').update(current).digest('hex').slice(0, 16)}`;
  if ((await claim(guard, text, depth + 1)) !== 'won') return {};
  try {
    // Only the guard's holder replaces this content, so if it is still there it stays until the rename below; if
    // it is not, an earlier taker finished (and holds the lock, or released it).
    if ((await readFile(path, 'utf8').catch(() => undefined)) !== current) return {};
    const tmp = await written(path, text);
    try {
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    return 'won';
  } finally {
    await rm(guard, { force: true });
  }
}

/** Creates `path` holding `text` if nothing is there, atomically; false if something is. */
async function place(path: string, text: string): Promise<boolean> {
  const tmp = await written(path, text);
  try {
    await link(tmp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(tmp, { force: true });
  }
}

// A temp file beside `path` holding `text` in full (a crash leftover the start-up sweep recognises).
async function written(path: string, text: string): Promise<string> {
  const tmp = tempNameFor(path);
  await writeFile(tmp, text, { flag: 'wx' });
  return tmp;
}
