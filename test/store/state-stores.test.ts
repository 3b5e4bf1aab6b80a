import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorruptDataError } from '../../src/store/corrupt-data-error.js';
import { DataLockedError, lockDataDir } from '../../src/store/data-lock.js';
import { createJsonlDedupeStore } from '../../src/store/jsonl-dedupe-store.js';
import { createLowdbPrefsStore } from '../../src/store/lowdb-prefs-store.js';
import { createLowdbWatchStore } from '../../src/store/lowdb-watch-store.js';
import { useTempDirs } from '../helpers/temp-dir.js';

describe('state stores', () => {
  const tempDir = useTempDirs();
  const now = new Date('2026-11-27T07:00:00Z');

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
    expect((await (await createLowdbWatchStore(dir)).list()).map((w) => w.userId)).toEqual(['U2']);
    const reopened = await createLowdbPrefsStore(dir);
    expect([await reopened.language('U1'), await reopened.language('U2')]).toEqual(['zh', 'en']);
  });

  it('remembers a key by appending one line, never rewriting what is there, and compacts a long log', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state', 'dedupe.jsonl');
    const store = await createJsonlDedupeStore(dir);
    await store.firstSeen('event:Ev1', now);
    const first = await readFile(file, 'utf8');
    await store.firstSeen('event:Ev2', now);
    const second = await readFile(file, 'utf8');
    expect(second.startsWith(first)).toBe(true);
    expect(second.split('\n').filter(Boolean)).toHaveLength(2);
    // 6,000 keys a day later: the expired ones are dropped when the log is rewritten.
    const later = new Date(now.getTime() + 25 * 3_600_000);
    for (let i = 0; i < 6000; i++) await store.firstSeen(`event:X${i}`, later);
    const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
    expect(lines).toHaveLength(6000);
    expect(lines.some((l) => l.includes('event:Ev1'))).toBe(false);
    const reopened = await createJsonlDedupeStore(dir);
    expect(await reopened.firstSeen('event:X5999', later)).toBe(false);
    expect(await reopened.firstSeen('event:X0', later)).toBe(false);
  });

  it('keeps deduplicating when the disk refuses writes, and reports that once', async () => {
    const dir = await tempDir();
    const errors: unknown[] = [];
    const store = await createJsonlDedupeStore(dir, { onWriteError: (e) => errors.push(e) });
    // A folder where the log should be: every append fails, as on a full disk.
    await mkdir(join(dir, 'state', 'dedupe.jsonl'), { recursive: true });
    expect(await store.firstSeen('event:Ev1', now)).toBe(true);
    expect(await store.firstSeen('event:Ev1', now)).toBe(false);
    expect(await store.firstSeen('event:Ev2', now)).toBe(true);
    expect(errors).toHaveLength(1);
  });

  it('folds in the dedupe.json an older version left', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'state'), { recursive: true });
    await writeFile(join(dir, 'state', 'dedupe.json'), JSON.stringify({ seen: { 'event:Old': now.getTime() } }));
    expect(await (await createJsonlDedupeStore(dir)).firstSeen('event:Old', now)).toBe(false);
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
