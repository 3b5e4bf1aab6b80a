import { randomUUID } from 'node:crypto';
import { type FileHandle, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `file` so that a crash or power loss at any moment leaves either the old or the new content: the data
 * goes to a uniquely named temp file beside it, is flushed to disk (fsync), renamed over `file`, and the directory
 * is flushed so the rename itself survives. lowdb's own writer renames without any fsync.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  // Writes to one file run in call order (as lowdb's own writer does), so a later state is never renamed over by
  // an earlier one that happened to finish its fsync last.
  const previous = queues.get(file) ?? Promise.resolve();
  const mine = previous.catch(() => {}).then(() => replace(file, data));
  const tail = mine.catch(() => {});
  queues.set(file, tail);
  void tail.then(() => {
    if (queues.get(file) === tail) queues.delete(file);
  });
  return mine;
}

const queues = new Map<string, Promise<void>>();

/**
 * The temp name beside `file` a crash-safe write uses: `.<name>.<8 hex>.tmp`. A crash can leave one behind;
 * {@link isCrashLeftover} recognises exactly these names.
 */
export function tempNameFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${randomUUID().slice(0, 8)}.tmp`);
}

function replace(file: string, data: string | Uint8Array): Promise<void> {
  return replaceFile(file, (handle) => handle.writeFile(data));
}

/**
 * The crash-safe replacement {@link writeFileAtomic} makes, with the content written by `fill` into the temp file's
 * handle (for content too large to build as one string or buffer first). Unlike writeFileAtomic, calls are not queued.
 */
export async function replaceFile(file: string, fill: (handle: FileHandle) => Promise<unknown>): Promise<void> {
  const tmp = tempNameFor(file);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await fill(handle);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  await syncDir(dirname(file));
}

/**
 * Moves a file or folder by rename and flushes both folders' entries, so after a power cut it is in its new place
 * and not back in the old one. Destination first: at worst a cut in between leaves it in both, never in neither.
 */
export async function moveDurably(from: string, to: string): Promise<void> {
  await rename(from, to);
  await syncDir(dirname(to));
  if (dirname(from) !== dirname(to)) await syncDir(dirname(from));
}

/** Flushes every file and folder under `dir` (and `dir` itself) to disk: for trees written by `cp`. */
export async function syncTree(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await syncTree(path);
    else if (entry.isFile()) await fsync(path);
  }
  await syncDir(dir);
}

/** Flushes a directory's entries (renames, new and removed files) to disk. */
export function syncDir(dir: string): Promise<void> {
  return fsync(dir);
}

// fsync through a read-only handle: Linux and macOS flush a file's data, or a folder's entries, either way.
async function fsync(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
