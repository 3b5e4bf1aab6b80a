import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fsp, { mkdir, readdir, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataLockedError, lockDataDir } from '../../src/store/data-lock.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const FILE_OPERATIONS = ['open', 'readFile', 'writeFile', 'rename', 'link', 'rm', 'unlink'] as const;

/**
 * A disk that takes 0–`maxMs` before and after every operation under `root` (as a loaded machine does), so racing
 * processes interleave between any two steps. Node's own `fs/promises` is wrapped, never our modules.
 */
function useJitteryDisk(): (root: string, maxMs: number) => void {
  const original = { ...fsp };
  afterEach(() => {
    Object.assign(fsp, original);
    syncBuiltinESMExports();
  });
  return (root, maxMs) => {
    const jitter = () => new Promise((resolve) => setTimeout(resolve, Math.random() * maxMs));
    for (const name of FILE_OPERATIONS) {
      const operation = original[name] as (...args: unknown[]) => Promise<unknown>;
      Object.assign(fsp, {
        [name]: async (...args: unknown[]) => {
          if (!String(args[0]).startsWith(root)) return operation(...args);
          await jitter();
          const result = await operation(...args);
          await jitter();
          return result;
        },
      });
    }
    syncBuiltinESMExports();
  };
}

describe('the DATA_DIR lock survives PID reuse', () => {
  const tempDir = useTempDirs();

  it('lets exactly one of two bots started at once run; the other is told who holds it', async () => {
    const dir = await tempDir();
    const results = await Promise.allSettled([lockDataDir(dir), lockDataDir(dir), lockDataDir(dir)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(2);
    for (const l of lost) expect(l.reason).toBeInstanceOf(DataLockedError);
    expect(String(lost[0]?.reason)).toContain(`pid ${process.pid}`);
    const lock = JSON.parse(readFileSync(join(dir, '.lock'), 'utf8')) as Record<string, unknown>;
    expect(lock).toMatchObject({ pid: process.pid, host: hostname(), token: expect.any(String) });
    await (won[0] as PromiseFulfilledResult<() => Promise<void>>).value();
  });

  it('tells a second bot replica on PostgreSQL that each replica needs a DATA_DIR of its own', async () => {
    const dir = await tempDir();
    const release = await lockDataDir(dir, true);
    const refused = await lockDataDir(dir, true).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataLockedError);
    expect(String(refused)).toContain('With DATABASE_URL every replica needs a DATA_DIR of its own');
    await release();
  });

  it('takes over a stale lock whose pid now belongs to another process (a different start time)', async () => {
    const dir = await tempDir();
    // pid 1 is alive, but this lock was written by an earlier process that had pid 1 and has since died.
    await writeFile(join(dir, '.lock'), JSON.stringify({ token: 'old', pid: 1, host: hostname(), started: '0' }));
    const release = await lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, '.lock'), 'utf8')).token).not.toBe('old');
    await release();
  });

  it('stale takeovers racing: exactly one wins', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '.lock'), JSON.stringify({ token: 'dead', pid: 999999999, host: hostname() }));
    const results = await Promise.allSettled([lockDataDir(dir), lockDataDir(dir), lockDataDir(dir)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  const jitteryDisk = useJitteryDisk();

  // Before, the lock was created empty and written after, and a dead lock was renamed aside before it was checked:
  // on a slow disk a racer read the new lock while still empty and took it for a dead one, or moved a fresh lock
  // aside while a third racer created another — two or three winners in most of these rounds.
  it('gives the lock to exactly one of six racers on a slow disk, with or without a dead lock, round after round', async () => {
    const root = await tempDir();
    jitteryDisk(root, 10);
    for (let round = 0; round < 12; round++) {
      const dir = join(root, String(round));
      await mkdir(dir);
      if (round % 2 === 1)
        await writeFile(join(dir, '.lock'), JSON.stringify({ token: 'dead', pid: 999999999, host: hostname() }));
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => lockDataDir(dir)));
      const won = results.filter((r) => r.status === 'fulfilled');
      expect({ round, winners: won.length }).toEqual({ round, winners: 1 });
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DataLockedError);
      // The winner's lock, whole, and nothing else left behind: no temp file, no takeover guard.
      expect(await readdir(dir)).toEqual(['.lock']);
      await (won[0] as PromiseFulfilledResult<() => Promise<void>>).value();
      expect(await readdir(dir)).toEqual([]);
    }
  });

  it('takes over a dead lock whose previous taker died mid-takeover (its guard left behind)', async () => {
    const dir = await tempDir();
    const dead = JSON.stringify({ token: 'dead', pid: 999999999, host: hostname() });
    await writeFile(join(dir, '.lock'), dead);
    const guard = `.lock.takeover-${createHash('sha256').update(dead).digest('hex').slice(0, 16)}`;
    await writeFile(join(dir, guard), JSON.stringify({ token: 'taker', pid: 999999998, host: hostname() }));
    const results = await Promise.allSettled([lockDataDir(dir), lockDataDir(dir), lockDataDir(dir)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, '.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(await readdir(dir)).toEqual(['.lock']);
  });
});
