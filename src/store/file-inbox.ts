import { mkdir, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { importSourceOfName } from '../domain/import-source.js';
import type { Inbox } from '../ports.js';
import { IMPORT_EXTENSIONS, readRows } from './read-rows.js';
import { moveDurably, writeFileAtomic } from './write-file-atomic.js';

/**
 * `DATA_DIR/inbox/`: drop the ledger CSV, the e-tax export or the deduction-selection export (CSV or XLSX) here and
 * run `/invoice sync`. The name suggests the source ({@link importSourceOfName}); the sync trusts a header that says
 * otherwise. Synced files move to `inbox/done/<time>-<name>`, refused ones to
 * `inbox/rejected/<time>-<name>` with `<time>-<name>.problems.txt` beside them.
 */
export async function createFileInbox(dataDir: string): Promise<Inbox> {
  const dir = join(dataDir, 'inbox');
  await mkdir(join(dir, 'done'), { recursive: true });
  const stamp = (now: Date, name: string) => `${now.toISOString().replace(/[:.]/g, '-')}-${name}`;
  return {
    async files() {
      const names = (await readdir(dir))
        .filter((n) => IMPORT_EXTENSIONS.some((ext) => n.toLowerCase().endsWith(ext)))
        .sort();
      return names.map((name) => ({
        name,
        source: importSourceOfName(name),
        rows: () => readRows(join(dir, name)) ?? (async function* () {})(),
      }));
    },
    async add(name, content) {
      // Only the base name, so an upload cannot write outside the inbox; atomic, so a sync never reads half a file.
      await writeFileAtomic(join(dir, basename(name)), content);
    },
    async done(name, now) {
      // Flushed folders: a synced file does not come back into the inbox after a power cut.
      await moveDurably(join(dir, name), join(dir, 'done', stamp(now, name)));
    },
    async reject(name, now, problems) {
      await mkdir(join(dir, 'rejected'), { recursive: true });
      const moved = stamp(now, name);
      // The list first, on disk: a crash in between leaves the file in the inbox, never a rejected file without its
      // reasons (a plain write could leave an empty list after a power cut).
      await writeFileAtomic(join(dir, 'rejected', `${moved}.problems.txt`), `${problems}\n`);
      await moveDurably(join(dir, name), join(dir, 'rejected', moved));
      return { file: join('inbox', 'rejected', moved), problems: join('inbox', 'rejected', `${moved}.problems.txt`) };
    },
  };
}
