import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonlAppender } from '../../src/store/jsonl-appender.js';
import { useTempDirs } from '../helpers/temp-dir.js';

describe('createJsonlAppender', () => {
  const tempDir = useTempDirs();

  it('creates the file and appends each text whole, in order, durable or not', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    const log = createJsonlAppender(file);
    await log.append('{"a":1}\n', true);
    await log.append('{"b":"发票 ✅"}\n{"c":3}\n', false);
    expect(await readFile(file, 'utf8')).toBe('{"a":1}\n{"b":"发票 ✅"}\n{"c":3}\n');
  });

  it('appends to what is already in the file', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    await writeFile(file, 'old\n');
    await createJsonlAppender(file).append('new\n', false);
    expect(await readFile(file, 'utf8')).toBe('old\nnew\n');
  });

  it('writes to the file now at its path when one replaced it, or removed it, between appends', async () => {
    const dir = await tempDir();
    const file = join(dir, 'log.jsonl');
    const log = createJsonlAppender(file);
    await log.append('first\n', false);
    await writeFile(join(dir, 'new.tmp'), 'rewritten\n');
    await rename(join(dir, 'new.tmp'), file);
    await log.append('second\n', true);
    expect(await readFile(file, 'utf8')).toBe('rewritten\nsecond\n');
    await rm(file);
    await log.append('third\n', false);
    expect(await readFile(file, 'utf8')).toBe('third\n');
  });

  it('rejects an append it cannot open the file for, and opens it on a later one', async () => {
    const dir = await tempDir();
    const file = join(dir, 'missing', 'log.jsonl');
    const log = createJsonlAppender(file);
    await expect(log.append('lost\n', false)).rejects.toThrow(/ENOENT/);
    await mkdir(join(dir, 'missing'));
    await log.append('kept\n', false);
    expect(await readFile(file, 'utf8')).toBe('kept\n');
  });
});
