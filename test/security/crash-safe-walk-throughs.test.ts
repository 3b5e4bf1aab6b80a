import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLowdbChecklistStore } from '../../src/store/lowdb-checklist-store.js';
import { type Crash, countOperations, runUntilCrash, spreadOver } from '../helpers/crash-child.js';
import { sessionFixture } from '../helpers/state-fixtures.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const SESSIONS = 50;
const args = (dataDir: string) => ['test/helpers/walk-throughs-in-child.ts', dataDir];

/** DATA_DIR as an older version left it: 50 walk-throughs in `state/checklists.json`. */
async function prepare(dataDir: string): Promise<void> {
  await mkdir(join(dataDir, 'state'), { recursive: true });
  const sessions = Array.from({ length: SESSIONS }, (_, i) => sessionFixture({ id: `CHK-${i}` }));
  await writeFile(join(dataDir, 'state', 'checklists.json'), JSON.stringify({ sessions }, null, 2));
}

/** The highest position each walk-through was reported durable at. */
function durable(output: string): Map<string, number> {
  const reported = new Map<string, number>();
  for (const line of output.split('\n')) {
    const [word, id = '', position] = line.split(' ');
    if (word === 'durable') reported.set(id, Math.max(reported.get(id) ?? 0, Number(position)));
  }
  return reported;
}

describe('walk-throughs survive a crash at any point of their writes', () => {
  const tempDir = useTempDirs();

  // Each crash point starts a child process (tsx): about a second each on the shared machine.
  it('opens after a kill or a power cut before any write operation, with every click that was answered', async () => {
    const scratch = await tempDir();
    const template = join(scratch, 'template');
    await prepare(template);
    const { operations, dataDir: counted } = await countOperations(args, template, scratch);
    // A full run migrates the old file (a first rewrite), appends, and rewrites the file once more.
    expect(operations.filter((o) => o.endsWith('handle.datasync state/checklists.jsonl')).length).toBeGreaterThan(1);
    expect(operations.filter((o) => o.endsWith('rename state/checklists.jsonl'))).toHaveLength(2);
    expect(operations.some((o) => o.endsWith('rm state/checklists.json'))).toBe(true);
    expect(await readdir(join(counted, 'state'))).toEqual(['checklists.jsonl']);
    expect((await (await createLowdbChecklistStore(counted)).all()).map((s) => s.position)).toEqual(
      Array(SESSIONS).fill(1500 / SESSIONS),
    );
    const crashes: Crash[] = [
      ...operations.map((_, i) => ({ at: i + 1, mode: 'power-dirs' as const })),
      ...spreadOver(operations.length, 4).map((at) => ({ at, mode: 'kill' as const })),
    ];
    let answered = 0;
    for (const [i, crash] of crashes.entries()) {
      const dataDir = join(scratch, `crash-${i}`);
      await prepare(dataDir);
      const reported = durable(await runUntilCrash(args(dataDir), dataDir, crash));
      answered += reported.size;
      // The store opens (no line but a cut last one is damaged), with every walk-through, each at least where its
      // last answered click left it.
      const reopened = await createLowdbChecklistStore(dataDir);
      expect({ crash, sessions: (await reopened.all()).length }).toEqual({ crash, sessions: SESSIONS });
      for (const [id, position] of reported) {
        const stored = (await reopened.get(id))?.position ?? -1;
        expect({ crash, id, kept: stored >= position }).toEqual({ crash, id, kept: true });
      }
    }
    // Crashes landed after some clicks were answered.
    expect(answered).toBeGreaterThan(0);
  }, 180_000);
});
