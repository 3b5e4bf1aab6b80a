import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsDir, createBackup } from '../../src/store/backups.js';
import { loadDemoData } from '../helpers/demo-data-dir.js';
import { useTempDirs } from '../helpers/temp-dir.js';

describe('createBackup', () => {
  const tempDir = useTempDirs();
  const now = new Date('2026-11-27T07:00:00.000Z');

  it('gives backups of the same moment and reason their own folders, each complete', async () => {
    const dir = await tempDir();
    await loadDemoData(dir);
    await writeFile(join(dir, 'marker.txt'), 'first');
    const first = await createBackup(dir, 'before-sync', now);
    await writeFile(join(dir, 'marker.txt'), 'second');
    // Two more at once, racing for the same next name.
    const racing = await Promise.all([createBackup(dir, 'before-sync', now), createBackup(dir, 'before-sync', now)]);
    const names = [first, ...racing].map((folder) => basename(folder));
    expect(new Set(names).size).toBe(3);
    expect(names[0]).toBe('2026-11-27T07-00-00-000Z-before-sync');
    expect(names.slice(1).sort()).toEqual([`${names[0]}-2`, `${names[0]}-3`]);
    expect(await readFile(join(first, 'marker.txt'), 'utf8')).toBe('first');
    for (const folder of racing) expect(await readFile(join(folder, 'marker.txt'), 'utf8')).toBe('second');
    // No temp folder is left behind.
    expect((await readdir(backupsDir(dir))).filter((b) => b.startsWith('.'))).toEqual([]);
  });
});
