import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

// `.<name>.<8 hex>.tmp`: a write (or a backup folder) that a crash stopped before its rename; see `tempNameFor`.
const TEMP = /^\..+\.[0-9a-f]{8}\.tmp$/;
// `<day>.json.<import id>.next`: a shard or coverage file staged by an import that died before writing its journal.
const STAGED = /^.+\.json\.[0-9a-z]+-[0-9a-f]{8}\.next$/;

/** True for the names only our crash-safe writes give to temporary files; nothing a person names looks like this. */
export function isCrashLeftover(name: string): boolean {
  return TEMP.test(name) || STAGED.test(name);
}

/**
 * Removes the temporary files a crash left half-written in DATA_DIR and returns their paths, relative to it. Runs
 * at start with the data lock held, after the invoice store has replayed its journals (a staged `.next` file a
 * journal names is needed until then; after that, none is). Only names {@link isCrashLeftover} matches are touched,
 * and inside `backups/` only unfinished backup folders: a finished backup is kept exactly as it was taken.
 */
export async function removeCrashLeftovers(dataDir: string): Promise<string[]> {
  const removed: string[] = [];
  const walk = async (relative: string, descend: boolean): Promise<void> => {
    const entries = await readdir(join(dataDir, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(relative, entry.name);
      if (isCrashLeftover(entry.name)) {
        await rm(join(dataDir, path), { recursive: true, force: true });
        removed.push(path);
      } else if (entry.isDirectory() && descend) await walk(path, path !== 'backups');
    }
  };
  await walk('', true);
  return removed;
}
