import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

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
 * replica needs a DATA_DIR of its own). A lock left by a dead process (or whose pid now belongs to another
 * process) is taken over atomically: it is renamed aside first, so of two processes starting at once exactly one
 * wins, and the other is told who holds it. Returns the release function.
 */
export async function lockDataDir(dataDir: string, replica = false): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, '.lock');
  const mine: LockInfo = { token: randomUUID(), pid: process.pid, host: hostname() };
  const started = startOf(process.pid);
  if (started) mine.started = started;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify(mine));
      await handle.sync();
      await handle.close();
      return async () => {
        const current = parse(await readFile(file, 'utf8').catch(() => ''));
        if (current?.token === mine.token) await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const text = await readFile(file, 'utf8').catch(() => '');
      const info = parse(text);
      if (info && held(info)) throw new DataLockedError(dataDir, info.pid, info.host, replica);
      // Take the stale lock aside by rename: only one process can move this very file.
      const aside = `${file}.stale-${mine.token}`;
      try {
        await rename(file, aside);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw e;
      }
      const moved = await readFile(aside, 'utf8').catch(() => '');
      // Between reading and renaming, another process may have taken the lock afresh: put theirs back.
      if (moved !== text) await link(aside, file).catch(() => undefined);
      await rm(aside, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}
