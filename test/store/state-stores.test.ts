import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorruptDataError } from '../../src/store/corrupt-data-error.js';
import { DataLockedError, lockDataDir } from '../../src/store/data-lock.js';
import { createLowdbDedupeStore } from '../../src/store/lowdb-dedupe-store.js';
import { createLowdbPrefsStore } from '../../src/store/lowdb-prefs-store.js';
import { createLowdbWatchStore } from '../../src/store/lowdb-watch-store.js';
import { useTempDirs } from '../helpers/temp-dir.js';

describe('state stores', () => {
  const tempDir = useTempDirs();
  const now = new Date('2026-11-27T07:00:00Z');

  it('remembers languages across a restart', async () => {
    const dir = await tempDir();
    await (await createLowdbPrefsStore(dir)).setLanguage('U1', 'zh');
    expect((await createLowdbPrefsStore(dir)).language('U1')).toBe('zh');
  });

  it('keeps every watch and preference written at the same moment', async () => {
    const dir = await tempDir();
    const watches = await createLowdbWatchStore(dir);
    const prefs = await createLowdbPrefsStore(dir);
    const watch = (userId: string) => ({ userId, invoiceKey: 'D26112000000000100008', createdAt: now.toISOString() });
    expect(await Promise.all([watches.add(watch('U1')), watches.add(watch('U1')), watches.add(watch('U2'))])).toEqual([
      true,
      false,
      true,
    ]);
    await Promise.all([prefs.setLanguage('U1', 'zh'), prefs.setLanguage('U2', 'en'), watches.remove(watch('U1'))]);
    expect((await createLowdbWatchStore(dir)).list().map((w) => w.userId)).toEqual(['U2']);
    const reopened = await createLowdbPrefsStore(dir);
    expect([reopened.language('U1'), reopened.language('U2')]).toEqual(['zh', 'en']);
  });

  it('dedupes across a restart and forgets after a day', async () => {
    const dir = await tempDir();
    expect(await (await createLowdbDedupeStore(dir)).firstSeen('event:Ev1', now)).toBe(true);
    const reopened = await createLowdbDedupeStore(dir);
    expect(await reopened.firstSeen('event:Ev1', now)).toBe(false);
    expect(await reopened.firstSeen('event:Ev1', new Date(now.getTime() + 25 * 3_600_000))).toBe(true);
  });

  it('refuses a corrupt state file by name', async () => {
    const dir = await tempDir();
    await createLowdbPrefsStore(dir);
    await writeFile(join(dir, 'state', 'prefs.json'), 'not json');
    await expect(createLowdbPrefsStore(dir)).rejects.toThrow(CorruptDataError);
  });
});

describe('lockDataDir', () => {
  const tempDir = useTempDirs();

  it('lets one process own a DATA_DIR and takes over a dead owner’s lock', async () => {
    const dir = await tempDir();
    // pid 1 is alive (init); a lock naming it belongs to another process.
    await writeFile(join(dir, '.lock'), '1');
    await expect(lockDataDir(dir)).rejects.toThrow(DataLockedError);
    // A pid that cannot exist is a stale lock.
    await writeFile(join(dir, '.lock'), '999999999');
    const release = await lockDataDir(dir);
    await release();
    const again = await lockDataDir(dir);
    await again();
  });
});
