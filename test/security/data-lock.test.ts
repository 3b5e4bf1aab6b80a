import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataLockedError, lockDataDir } from '../../src/store/data-lock.js';
import { useTempDirs } from '../helpers/temp-dir.js';

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
});
