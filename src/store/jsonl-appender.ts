import { type FileHandle, open } from 'node:fs/promises';

/** Appends whole texts to one file (see {@link createJsonlAppender}). */
export type JsonlAppender = {
  /** Appends `text` whole; with `durable`, flushed to disk (fdatasync) before the promise resolves. */
  append(text: string, durable: boolean): Promise<void>;
};

/**
 * Appends whole lines to `file` (created if missing): open, write, fdatasync when durable, close, for each append.
 * Callers run one append at a time and coalesce the lines that arrive meanwhile into the next (`coalesceWrites`), so
 * under load an append carries several lines.
 *
 * Why not keep the file open between appends: measured under issue 11's mixed load, a kept handle saved thread-pool
 * trips but no CPU and no turn length (docs/benchmarks.md, health16), while it left a descriptor per store for the
 * collector to close (Node's DEP0137: a future Node throws there), went on writing to a file replaced or removed from
 * outside, and needed reopening around every compaction. Opened per append, the file at the path is always the one
 * written. Through `fs/promises` handles, so the crash harness (test/helpers/crash-point.ts) sees every step.
 *
 * A write that stops short (a full disk) rejects; what part of `text` reached the file is then unknown, as with
 * `appendFile`.
 * @example
 * const log = createJsonlAppender('state/questions.jsonl');
 * await log.append('{"type":"asked"}\n', false);
 */
export function createJsonlAppender(file: string): JsonlAppender {
  return {
    async append(text, durable) {
      const handle = await open(file, 'a');
      try {
        const size = Buffer.byteLength(text, 'utf8');
        const { bytesWritten } = await handle.write(text, null, 'utf8');
        // Only a write that stops short, which a regular file does only when the disk is full, goes on from the bytes.
        if (bytesWritten < size) await writeAll(handle, Buffer.from(text, 'utf8').subarray(bytesWritten));
        if (durable) await handle.datasync();
      } finally {
        await handle.close();
      }
    },
  };
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, null);
    if (bytesWritten === 0) throw new Error(`no byte of an append could be written (${bytes.length - done} left)`);
    done += bytesWritten;
  }
}
