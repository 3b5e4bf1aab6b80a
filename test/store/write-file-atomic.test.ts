import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/store/write-file-atomic.js';
import { useTempDirs } from '../helpers/temp-dir.js';

describe('writeFileAtomic', () => {
  const tempDir = useTempDirs();

  it('replaces the file and leaves no temp file beside it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state.json');
    await writeFile(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('keeps the old content and removes its temp file when the rename fails', async () => {
    const dir = await tempDir();
    // A non-empty directory where the file should go: the data is written and flushed, the rename is refused.
    const target = join(dir, 'state.json');
    await mkdir(join(target, 'inside'), { recursive: true });
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['state.json']);
    expect(await readdir(target)).toEqual(['inside']);
  });
});
