import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
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

async function replace(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(data);
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

/** Flushes a directory's entries (renames, new and removed files) to disk. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
