import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STEP_IDS } from '../../src/domain/checklist.js';
import { CorruptDataError } from '../../src/store/corrupt-data-error.js';
import { loadChecklistConfig } from '../../src/store/settings-file.js';
import { useTempDirs } from '../helpers/temp-dir.js';

describe('loadChecklistConfig', () => {
  const tempDir = useTempDirs();

  it('reads the shipped steps in order', async () => {
    const config = await loadChecklistConfig(await tempDir());
    expect(config.steps.map((s) => s.id)).toEqual([...STEP_IDS]);
    expect(config.expireAfterHours).toBe(24);
    for (const s of config.steps) expect(s.title.zh.length).toBeGreaterThan(0);
  });

  it('prefers DATA_DIR/checklist.json, so finance can reorder and reword steps', async () => {
    const dir = await tempDir();
    const steps = [
      { id: 'status', title: { en: 'Status first', zh: '先看状态' }, checks: { en: 'the status', zh: '状态' } },
    ];
    await writeFile(join(dir, 'checklist.json'), JSON.stringify({ expireAfterHours: 48, steps }));
    expect(await loadChecklistConfig(dir)).toEqual({ expireAfterHours: 48, steps });
  });

  it.each([
    [
      { expireAfterHours: 24, steps: [{ id: 'weather', title: { en: 'a', zh: 'b' }, checks: { en: 'a', zh: 'b' } }] },
      'steps',
    ],
    [{ expireAfterHours: 24, steps: [{ id: 'sync', title: { en: 'a' }, checks: { en: 'a', zh: 'b' } }] }, 'zh'],
    [{ expireAfterHours: -1, steps: [] }, 'expireAfterHours'],
  ])('stops on a bad edit, naming the file and what is wrong (%#)', async (content, hint) => {
    const dir = await tempDir();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'checklist.json'), JSON.stringify(content));
    const error = await loadChecklistConfig(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptDataError);
    expect(String((error as Error).message)).toContain(join(dir, 'checklist.json'));
    expect(String((error as Error).message)).toContain(hint);
  });
});
