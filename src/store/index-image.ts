import { createHash } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { replaceFile } from './write-file-atomic.js';

/** The typed arrays and numbers that together hold an index, by name (see `InvoiceIndex.image`). */
export type IndexImage = Map<string, number | TypedArray>;
export type TypedArray = Int32Array | Uint32Array | Float64Array | Uint8Array;

// Bump when the layout of any image part changes: an image of another version is ignored and rebuilt.
const FORMAT = 'invoice-desk index image 1';
const MAGIC = Buffer.from('INVDIDX1');
const TYPES = { i32: Int32Array, u32: Uint32Array, f64: Float64Array, u8: Uint8Array } as const;
type TypeName = keyof typeof TYPES;
type Entry = { name: string; value: number } | { name: string; type: TypeName; offset: number; length: number };
type Header = { format: string; fingerprint: string; entries: Entry[]; bytes: number };

/**
 * What the JSON shards an image was built from looked like: every shard's name, size, modification time and inode.
 * Any import, restore, hand edit or copy changes it, so an image is used only for exactly the shards it was made
 * from, and the JSON shards stay the data of record.
 */
export async function shardFingerprint(root: string, sources: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const source of sources) {
    const names = (await readdir(join(root, source))).filter((n) => n.endsWith('.json')).sort();
    const stats = await Promise.all(names.map((n) => stat(join(root, source, n))));
    for (const [i, s] of stats.entries()) hash.update(`${source}/${names[i]} ${s.size} ${s.mtimeMs} ${s.ino}\n`);
  }
  return hash.digest('hex');
}

/**
 * Writes an index image: a small JSON header (format, fingerprint, where each array lies), then each typed array's
 * bytes as they are in memory, 8-byte aligned. Crash-safe like every replaced file: temp file, fsync, rename,
 * folder fsync. The arrays are written from memory without being copied or converted, and without blocking the
 * event loop.
 */
export async function writeIndexImage(file: string, fingerprint: string, image: IndexImage): Promise<void> {
  const entries: Entry[] = [];
  const arrays: TypedArray[] = [];
  let bytes = 0;
  for (const [name, value] of image) {
    if (typeof value === 'number') {
      entries.push({ name, value });
      continue;
    }
    const type = (Object.keys(TYPES) as TypeName[]).find((t) => value instanceof TYPES[t]) as TypeName;
    entries.push({ name, type, offset: bytes, length: value.length });
    arrays.push(value);
    bytes = align(bytes + value.byteLength);
  }
  const header = Buffer.from(JSON.stringify({ format: FORMAT, fingerprint, entries, bytes } satisfies Header));
  const start = align(MAGIC.length + 4 + header.length);
  const prefix = Buffer.alloc(start);
  MAGIC.copy(prefix);
  prefix.writeUInt32LE(header.length, MAGIC.length);
  header.copy(prefix, MAGIC.length + 4);
  await mkdir(dirname(file), { recursive: true });
  await replaceFile(file, async (handle) => {
    await handle.write(prefix, 0, prefix.length, 0);
    let at = start;
    for (const array of arrays) {
      await writeAll(handle, new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
      at = align(at + array.byteLength);
    }
    await handle.truncate(start + bytes);
  });
}

/**
 * Reads an index image written by {@link writeIndexImage} for shards with this fingerprint. Answers undefined when
 * there is none, or it is of another format, for other shards, or cut short: the caller then loads the JSON shards.
 */
export async function readIndexImage(file: string, fingerprint: string): Promise<IndexImage | undefined> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const head = Buffer.alloc(MAGIC.length + 4);
    await readAll(handle, head, 0);
    if (!head.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    const headerBytes = Buffer.alloc(head.readUInt32LE(MAGIC.length));
    await readAll(handle, headerBytes, head.length);
    const header = JSON.parse(headerBytes.toString('utf8')) as Header;
    if (header.format !== FORMAT || header.fingerprint !== fingerprint) return undefined;
    const start = align(head.length + headerBytes.length);
    if ((await handle.stat()).size !== start + header.bytes) return undefined;
    const image: IndexImage = new Map();
    for (const entry of header.entries) {
      if ('value' in entry) {
        image.set(entry.name, entry.value);
        continue;
      }
      const array = new TYPES[entry.type](entry.length);
      await readAll(handle, new Uint8Array(array.buffer), start + entry.offset);
      image.set(entry.name, array);
    }
    return image;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

function align(n: number): number {
  return Math.ceil(n / 8) * 8;
}

// One read or write moves at most 2 GiB; larger arrays take several.
const CHUNK = 1 << 30;

async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, done, Math.min(CHUNK, bytes.length - done), position + done);
    done += bytesWritten;
  }
}

async function readAll(handle: FileHandle, into: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < into.length; ) {
    const { bytesRead } = await handle.read(into, done, Math.min(CHUNK, into.length - done), position + done);
    if (bytesRead === 0) throw new Error('index image cut short');
    done += bytesRead;
  }
}

/** The typed array `name` of an image, checked to be of `type`: a part missing or mistyped is a broken image. */
export function imagePart<T extends TypedArray>(image: IndexImage, name: string, type: new (length: number) => T): T {
  const value = image.get(name);
  if (!(value instanceof type)) throw new Error(`index image part ${name} is missing`);
  return value;
}

/** The number `name` of an image. */
export function imageCount(image: IndexImage, name: string): number {
  const value = image.get(name);
  if (typeof value !== 'number') throw new Error(`index image count ${name} is missing`);
  return value;
}
