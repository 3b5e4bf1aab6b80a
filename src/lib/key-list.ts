// Keys (invoice keys, a million of them after a large import) kept as UTF-8 bytes in chunks of 1 MiB with where each
// lies in typed arrays, instead of one JS string each: a million 21-character strings are ~72 MB of small objects
// that every full garbage collection walks, and an import's report holds them while the next import runs. Chunks
// rather than one buffer grown by doubling: a grown buffer is a large allocation and copy in one turn of the event
// loop (up to ~300 ms at 16 MiB on a loaded machine).

const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;
const WITHIN = CHUNK - 1;
// Keys decoded at once (one string, then sliced) while iterating.
const DECODE_RUN = 4096;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), FNV_PRIME);
  return h >>> 0;
}

function grown(array: Uint32Array<ArrayBuffer>, least: number): Uint32Array<ArrayBuffer> {
  let size = Math.max(array.length * 2, 16);
  while (size < least) size *= 2;
  const next = new Uint32Array(size);
  next.set(array);
  return next;
}

/**
 * An ordered list of keys (repeats allowed) held off the JS heap of small objects: what an import reports as touched.
 * Answers its size, each key in order, and whether it holds a key (through a hash index built on the first
 * {@link has}, and kept up to date after it). Keys are short (at most 64 KiB of UTF-8 each) and well formed: a lone
 * surrogate would not survive UTF-8.
 * @example const keys = new KeyList(); keys.push('D1'); keys.has('D1') // true; [...keys] // ['D1']
 */
export class KeyList implements Iterable<string> {
  private readonly chunks: Buffer[] = [];
  // Where the next key goes, as an address: chunk number << CHUNK_BITS | offset in it.
  private next = 0;
  // Key i lies at addresses [starts[i], ends[i]), in one chunk.
  private starts = new Uint32Array(0);
  private ends = new Uint32Array(0);
  private count = 0;
  // Every byte below 0x80: a key's bytes are then its characters, decoded as latin1 and sliced by byte offsets.
  private ascii = true;
  // Open addressing over the keys indexed so far: key number + 1, or 0 for an empty slot; none until `has` is asked.
  private slots: Int32Array | undefined;
  private indexed = 0;
  private probe = Buffer.alloc(0);

  /**
   * An empty list. `expected`, when the caller knows about how many keys it will hold, sizes the hash index for them
   * at once: growing it takes every key in again in one step.
   */
  constructor(private readonly expected = 0) {}

  /** A list of `keys`, in order. */
  static of(keys: Iterable<string>): KeyList {
    const list = new KeyList();
    for (const key of keys) list.push(key);
    return list;
  }

  /**
   * The keys of `text` joined by `separator` (one ASCII character that no key contains), copied as bytes without a JS
   * string per key; an empty text is no key.
   * @example KeyList.split('a,b', ',').size // 2
   */
  static split(text: string, separator: string): KeyList {
    const stop = separator.charCodeAt(0);
    if (separator.length !== 1 || stop >= 0x80) throw new Error(`a key separator is one ASCII character: ${separator}`);
    const list = new KeyList();
    if (text.length === 0) return list;
    const bytes = Buffer.from(text, 'utf8');
    for (let start = 0; ; ) {
      const at = bytes.indexOf(stop, start);
      const end = at < 0 ? bytes.length : at;
      list.append(bytes, start, end);
      if (at < 0) break;
      start = at + 1;
    }
    return list;
  }

  /** How many keys the list holds (repeats counted). */
  get size(): number {
    return this.count;
  }

  /** Appends a key. */
  push(key: string): void {
    const chunk = this.room(3 * key.length);
    const start = this.next;
    const written = chunk.write(key, start & WITHIN, 'utf8');
    if (written !== key.length) this.ascii = false;
    this.refer(start, start + written);
  }

  /**
   * Appends key `i` of `other` unless this list holds it already (copied as bytes: no string is made); true if it was
   * appended.
   */
  addFrom(other: KeyList, i: number): boolean {
    const from = other.chunkOf(i);
    const start = (other.starts[i] as number) & WITHIN;
    const end = start + (other.ends[i] as number) - (other.starts[i] as number);
    if (this.find(from, start, end, hashOf(from, start, end)) >= 0) return false;
    if (!other.ascii) this.ascii = false;
    this.append(from, start, end);
    return true;
  }

  /** Key `i` (0 ≤ i < size). */
  at(i: number): string {
    if (i < 0 || i >= this.count) throw new RangeError(`no key ${i} in a list of ${this.count}`);
    const start = (this.starts[i] as number) & WITHIN;
    return this.chunkOf(i).toString(this.ascii ? 'latin1' : 'utf8', start, start + this.lengthOf(i));
  }

  /** Whether the list holds `key`. */
  has(key: string): boolean {
    if (this.count === 0) return false;
    if (this.probe.length < 3 * key.length) this.probe = Buffer.allocUnsafe(Math.max(64, 3 * key.length));
    const n = this.probe.write(key, 0, 'utf8');
    return this.find(this.probe, 0, n, hashOf(this.probe, 0, n)) >= 0;
  }

  /** The keys in order, as strings made while iterating. */
  *[Symbol.iterator](): Iterator<string> {
    for (let i = 0; i < this.count; ) {
      if (!this.ascii) {
        yield this.at(i++);
        continue;
      }
      // A run of keys in one chunk decoded as one string and sliced: one decode call per few thousand keys.
      const chunk = (this.starts[i] as number) >>> CHUNK_BITS;
      let last = i;
      const limit = Math.min(this.count, i + DECODE_RUN);
      while (last + 1 < limit && (this.starts[last + 1] as number) >>> CHUNK_BITS === chunk) last++;
      const base = this.starts[i] as number;
      const text = (this.chunks[chunk] as Buffer).toString(
        'latin1',
        base & WITHIN,
        (this.ends[last] as number) - base + (base & WITHIN),
      );
      for (; i <= last; i++) yield text.slice((this.starts[i] as number) - base, (this.ends[i] as number) - base);
    }
  }

  private chunkOf(i: number): Buffer {
    return this.chunks[(this.starts[i] as number) >>> CHUNK_BITS] as Buffer;
  }

  private lengthOf(i: number): number {
    return (this.ends[i] as number) - (this.starts[i] as number);
  }

  // Appends the key that lies in bytes[start, end).
  private append(bytes: Uint8Array, start: number, end: number): void {
    const chunk = this.room(end - start);
    const at = this.next;
    chunk.set(bytes.subarray(start, end), at & WITHIN);
    if (this.ascii) for (let k = start; k < end; k++) if ((bytes[k] as number) >= 0x80) this.ascii = false;
    this.refer(at, at + end - start);
  }

  private refer(start: number, end: number): void {
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts, this.count + 1);
      this.ends = grown(this.ends, this.count + 1);
    }
    this.starts[this.count] = start;
    this.ends[this.count++] = end;
    this.next = end;
  }

  // The chunk with room for `bytes` more at `next`, started anew (and `next` moved to it) when the current one is full.
  private room(bytes: number): Buffer {
    if (bytes > CHUNK >>> 4) throw new RangeError(`a key of up to ${bytes} bytes is too long for a key list`);
    const current = this.chunks.length - 1;
    if (current >= 0 && (this.next & WITHIN) + bytes <= CHUNK && this.next >>> CHUNK_BITS === current)
      return this.chunks[current] as Buffer;
    this.chunks.push(Buffer.allocUnsafeSlow(CHUNK));
    this.next = (this.chunks.length - 1) * CHUNK;
    return this.chunks.at(-1) as Buffer;
  }

  // The number of a held key equal to bytes[start, end) with hash `hash`, or -1; indexes the keys appended since the
  // last look first.
  private find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    this.index();
    const slots = this.slots as Int32Array;
    const mask = slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const held = slots[s] as number;
      if (held === 0) return -1;
      if (this.equals(held - 1, bytes, start, end)) return held - 1;
    }
  }

  private equals(i: number, bytes: Uint8Array, start: number, end: number): boolean {
    if (this.lengthOf(i) !== end - start) return false;
    const chunk = this.chunkOf(i);
    const from = (this.starts[i] as number) & WITHIN;
    for (let k = 0; k < end - start; k++) if (chunk[from + k] !== bytes[start + k]) return false;
    return true;
  }

  private index(): void {
    // At most half the slots in use, so a miss ends soon; a larger table takes every key in again.
    if (!this.slots || 2 * this.count > this.slots.length) {
      let size = 64;
      while (size < 2 * Math.max(this.count, this.expected)) size *= 2;
      this.slots = new Int32Array(size);
      this.indexed = 0;
    }
    const slots = this.slots;
    const mask = slots.length - 1;
    for (; this.indexed < this.count; this.indexed++) {
      const i = this.indexed;
      const from = (this.starts[i] as number) & WITHIN;
      let s = hashOf(this.chunkOf(i), from, from + this.lengthOf(i)) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = i + 1;
    }
  }
}
