import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCrashLeftover, removeCrashLeftovers } from '../../src/store/remove-crash-leftovers.js';
import { tempNameFor } from '../../src/store/write-file-atomic.js';
import { startBotOn } from '../helpers/crash-child.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const LEFTOVERS = [
  'state/.watches.json.0a1b2c3d.tmp',
  '.settings.json.9f8e7d6c.tmp',
  'invoices/ledger/.2026-11-01.json.mx6ilo72-50e24fa5.next.b66b82b3.tmp',
  'invoices/ledger/2026-11-01.json.mx6ilo72-50e24fa5.next',
  'invoices/.coverage.json.mx6ilo72-50e24fa5.next.0f81a95f.tmp',
  'inbox/.tax-export.csv.12ab34cd.tmp',
  // An unfinished backup folder, with what was copied into it so far.
  'backups/.2026-12-02T19-24-28-374Z-before-sync.4da8babf.tmp/state/watches.json',
];
const KEPT = [
  'state/watches.json',
  'invoices/ledger/2026-11-01.json',
  'inbox/ledger.csv',
  // Not our pattern: no leading dot, no 8-hex id, another extension, or a person's own file.
  'inbox/report.12ab34cd.tmp',
  'inbox/.notes.tmp',
  'state/.watches.json.0a1b2c3d.bak',
  'inbox/done/2026-11-27T07-00-00-000Z-ledger.csv',
  // A finished backup is kept exactly as it was taken, even a temp file copied into it.
  'backups/2026-12-01T00-00-00-000Z-daily/state/.watches.json.0a1b2c3d.tmp',
  'backups/2026-12-01T00-00-00-000Z-daily/state/watches.json',
];

async function plant(dataDir: string, files: string[]): Promise<void> {
  for (const file of files) {
    await mkdir(dirname(join(dataDir, file)), { recursive: true });
    await writeFile(join(dataDir, file), file.endsWith('.json') ? '{"watches":[]}' : 'x');
  }
}

const listed = async (dir: string) =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();

describe('removeCrashLeftovers', () => {
  const tempDir = useTempDirs();

  it('removes only the temp files and unfinished backups our writes leave, and says which', async () => {
    const dir = await tempDir();
    await plant(dir, [...LEFTOVERS, ...KEPT]);
    const removed = await removeCrashLeftovers(dir);
    expect(removed.sort()).toEqual(
      [...LEFTOVERS.slice(0, -1), 'backups/.2026-12-02T19-24-28-374Z-before-sync.4da8babf.tmp'].sort(),
    );
    expect(await listed(dir)).toEqual([...KEPT].sort());
  });

  it('recognises every temp name a crash-safe write uses', () => {
    for (let i = 0; i < 20; i++)
      expect(isCrashLeftover(tempNameFor('/data/state/watches.json').split('/').at(-1) ?? '')).toBe(true);
    expect(isCrashLeftover('watches.json')).toBe(false);
  });

  it('runs when the bot starts', async () => {
    const dir = await tempDir();
    await plant(dir, [...LEFTOVERS, 'state/watches.json']);
    await startBotOn(dir);
    expect((await listed(dir)).filter((f) => LEFTOVERS.includes(f))).toEqual([]);
    expect(await listed(dir)).toContain('state/watches.json');
  });
});
