import { type FileHandle, open } from 'node:fs/promises';

/** Appends to one file through a handle kept open between appends (see {@link createJsonlAppender}). */
export type JsonlAppender = {
  /** Appends `text` whole; with `durable`, flushed to disk (fdatasync) before the promise resolves. */
  append(text: string, durable: boolean): Promise<void>;
  /**
   * Closes the handle; the next append opens the file afresh. Call it before the file is replaced by a rename (a
   * compaction): a handle kept open would go on writing to the replaced file.
   */
  reopen(): Promise<void>;
};

/**
 * Appends whole lines to `file` (created if missing) through one handle opened on the first append and kept, instead
 * of opening and closing the file for every append.
 *
 * Why: under issue 11's mixed load every walk-through click appends to `checklists.jsonl` and every lookup to
 * `questions.jsonl`. Opened per append (`appendFile`, or `open` … `close`), each append was three or four trips
 * through libuv's thread pool, each waking a pool thread that competes with the event loop for the machine's two
 * cores, plus a `FileHandle` for the collector to finalise. Kept open, an append is one write (and one fdatasync when
 * durable), the string handed to the write without a Buffer copy. Callers run one append at a time (their writes are
 * coalesced).
 *
 * A write that stops short (a full disk) rejects; what part of `text` reached the file is then unknown, as with
 * `appendFile`.
 * @example
 * const log = createJsonlAppender('state/questions.jsonl');
 * await log.append('{"type":"asked"}\n', false);
 */
export function createJsonlAppender(file: string): JsonlAppender {
  let handle: Promise<FileHandle> | undefined;
  const opened = (): Promise<FileHandle> => {
    if (handle) return handle;
    const opening = open(file, 'a');
    // A failed open is tried again by the next append.
    opening.catch(() => {
      if (handle === opening) handle = undefined;
    });
    handle = opening;
    return opening;
  };
  return {
    async append(text, durable) {
      const h = await opened();
      const size = Buffer.byteLength(text, 'utf8');
      const { bytesWritten } = await h.write(text, null, 'utf8');
      // Only a write that stops short, which a regular file does only when the disk is full, goes on from the bytes.
      if (bytesWritten < size) await writeAll(h, Buffer.from(text, 'utf8').subarray(bytesWritten));
      if (durable) await h.datasync();
    },
    async reopen() {
      const old = handle;
      handle = undefined;
      await (await old?.catch(() => undefined))?.close();
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
