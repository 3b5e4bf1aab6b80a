import { close, fdatasync, open, write } from 'node:fs';

/** Appends to one file through a descriptor kept open between appends (see {@link createJsonlAppender}). */
export type JsonlAppender = {
  /** Appends `text` whole; with `durable`, flushed to disk (fdatasync) before the promise resolves. */
  append(text: string, durable: boolean): Promise<void>;
  /**
   * Closes the descriptor; the next append opens the file afresh. Call it after the file was replaced by a rename
   * (a compaction), whose old descriptor still points at the replaced file.
   */
  reopen(): Promise<void>;
};

/**
 * Appends whole lines to `file` (created if missing) through one descriptor opened on the first append and kept,
 * instead of opening and closing the file for every append.
 *
 * Why: under issue 11's mixed load every walk-through click appends to `checklists.jsonl` and every lookup to
 * `questions.jsonl`. Opened per append (`appendFile`, or `open` … `close` on a `FileHandle`), each append was three or
 * four trips through libuv's thread pool, each waking a pool thread that competes with the event loop for the
 * machine's two cores, plus a `FileHandle` with a native side for the collector to finalise. Kept open, an append is
 * one write (and one fdatasync when durable). Callers run one append at a time (their writes are coalesced).
 *
 * A write that stops short (a full disk) rejects; what part of `text` reached the file is then unknown, as with
 * `appendFile`.
 * @example
 * const log = createJsonlAppender('state/questions.jsonl');
 * await log.append('{"type":"asked"}\n', false);
 */
export function createJsonlAppender(file: string): JsonlAppender {
  let fd: Promise<number> | undefined;
  const descriptor = (): Promise<number> => {
    if (fd) return fd;
    const opening = new Promise<number>((resolve, reject) =>
      open(file, 'a', (error, opened) => (error ? reject(error) : resolve(opened))),
    );
    // A failed open is tried again by the next append.
    opening.catch(() => {
      if (fd === opening) fd = undefined;
    });
    fd = opening;
    return opening;
  };
  return {
    async append(text, durable) {
      const handle = await descriptor();
      // The string goes to the write as it is (Node encodes it natively, no Buffer on the heap); only a write that
      // stops short, which a regular file does only when the disk is full, goes on from the bytes left.
      const size = Buffer.byteLength(text, 'utf8');
      const written = await new Promise<number>((resolve, reject) =>
        write(handle, text, null, 'utf8', (error, n) => (error ? reject(error) : resolve(n))),
      );
      if (written < size) await writeAll(handle, Buffer.from(text, 'utf8').subarray(written));
      if (durable) await new Promise<void>((resolve, reject) => fdatasync(handle, (e) => (e ? reject(e) : resolve())));
    },
    async reopen() {
      const old = fd;
      fd = undefined;
      const handle = await old?.catch(() => undefined);
      if (handle !== undefined) await new Promise<void>((resolve) => close(handle, () => resolve()));
    },
  };
}

async function writeAll(fd: number, bytes: Buffer): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const written = await new Promise<number>((resolve, reject) =>
      write(fd, bytes, done, bytes.length - done, null, (error, n) => (error ? reject(error) : resolve(n))),
    );
    if (written === 0) throw new Error(`no byte of an append could be written (${bytes.length - done} left)`);
    done += written;
  }
}
