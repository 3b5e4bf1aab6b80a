// Keys (invoice keys, a million of them after a large import) kept as UTF-8 bytes in one growing buffer with their
// ends in a typed array, instead of one JS string each: a million 21-character strings are ~72 MB of small objects
// that every full garbage collection walks, and an import's report holds them while the next import runs.

const EMPTY = Buffer.alloc(0);
// Keys decoded at once (one string, then sliced) while iterating.
const DECODE_RUN = 4096;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), FNV_PRIME);
  return h >>> 0;
}

function grown<T extends Uint32Array | Int32Array>(array: T, make: (n: number) => T, least: number): T {
  let size = Math.max(array.length * 2, 16);
  while (size < least) size *= 2;
  const next = make(size);
  next.set(array);
  return next;
}

/**
 * An ordered list of keys (repeats allowed) held off the JS heap of small objects: what an import reports as touched.
 * Answers its size, each key in order, and whether it holds a key (through a hash index built on the first
 * {@link has}, and kept up to date after it). Strings must be well formed: a lone surrogate would not survive UTF-8.
 * @example const keys = new KeyList(); keys.push('D1'); keys.has('D1') // true; [...keys] // ['D1']
 */
export class KeyList implements Iterable<string> {
  private bytes: Buffer = EMPTY;
  private used = 0;
  // ends[i] is where key i ends; it starts where key i - 1 ends (or at 0).
  private ends = new Uint32Array(0);
  private count = 0;
  // Every byte below 0x80: a key's bytes are then its characters, decoded as latin1 and sliced by byte offsets.
  private ascii = true;
  // Open addressing over the keys indexed so far: key number + 1, or 0 for an empty slot; none until `has` is asked.
  private slots: Int32Array | undefined;
  private indexed = 0;
  private probe = EMPTY;
  // Keys of a split text are one byte apart (their separator), not back to back.
  private separated = false;

  /** A list of `keys`, in order. */
  static of(keys: Iterable<string>): KeyList {
    const list = new KeyList();
    for (const key of keys) list.push(key);
    return list;
  }

  /**
   * The keys of `text` joined by `separator` (one ASCII character that no key contains), without a JS string per key;
   * an empty text is no key.
   * @example KeyList.split('a,b', ',').size // 2
   */
  static split(text: string, separator: string): KeyList {
    const list = new KeyList();
    if (text.length === 0) return list;
    const stop = separator.charCodeAt(0);
    if (separator.length !== 1 || stop >= 0x80) throw new Error(`a key separator is one ASCII character: ${separator}`);
    const bytes = Buffer.from(text, 'utf8');
    list.bytes = bytes;
    list.used = bytes.length;
    list.ascii = bytes.length === text.length;
    for (let at = bytes.indexOf(stop); ; at = bytes.indexOf(stop, at + 1)) {
      const end = at < 0 ? bytes.length : at;
      list.end(end);
      if (at < 0) break;
    }
    // The separators lie between the keys: each key after the first starts one byte past the previous end.
    list.separated = true;
    return list;
  }

  /** How many keys the list holds (repeats counted). */
  get size(): number {
    return this.count;
  }

  /** Appends a key. */
  push(key: string): void {
    this.room(3 * key.length);
    const written = this.bytes.write(key, this.used, 'utf8');
    if (written !== key.length) this.ascii = false;
    this.used += written;
    this.end(this.used);
  }

  /**
   * Appends key `i` of `other` unless this list holds it already (copied as bytes: no string is made); true if it was
   * appended.
   */
  addFrom(other: KeyList, i: number): boolean {
    const start = other.startOf(i);
    const end = other.ends[i] as number;
    if (this.find(other.bytes, start, end, hashOf(other.bytes, start, end)) >= 0) return false;
    this.room(end - start);
    other.bytes.copy(this.bytes, this.used, start, end);
    this.used += end - start;
    if (!other.ascii) this.ascii = false;
    this.end(this.used);
    return true;
  }

  /** Key `i` (0 ≤ i < size). */
  at(i: number): string {
    if (i < 0 || i >= this.count) throw new RangeError(`no key ${i} in a list of ${this.count}`);
    return this.bytes.toString(this.ascii ? 'latin1' : 'utf8', this.startOf(i), this.ends[i]);
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
      // A run of keys decoded as one string and sliced: one decode call per few thousand keys.
      const last = Math.min(this.count, i + DECODE_RUN) - 1;
      const base = this.startOf(i);
      const text = this.bytes.toString('latin1', base, this.ends[last]);
      for (; i <= last; i++) yield text.slice(this.startOf(i) - base, (this.ends[i] as number) - base);
    }
  }

  private startOf(i: number): number {
    if (i === 0) return 0;
    return (this.ends[i - 1] as number) + (this.separated ? 1 : 0);
  }

  private end(at: number): void {
    if (this.count === this.ends.length) this.ends = grown(this.ends, (n) => new Uint32Array(n), this.count + 1);
    this.ends[this.count++] = at;
  }

  private room(bytes: number): void {
    if (this.separated) throw new Error('a split key list takes no more keys');
    if (this.used + bytes <= this.bytes.length) return;
    let size = Math.max(this.bytes.length * 2, 256);
    while (size < this.used + bytes) size *= 2;
    const next = Buffer.allocUnsafeSlow(size);
    this.bytes.copy(next, 0, 0, this.used);
    this.bytes = next;
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
    const from = this.startOf(i);
    if ((this.ends[i] as number) - from !== end - start) return false;
    for (let k = 0; k < end - start; k++) if (this.bytes[from + k] !== bytes[start + k]) return false;
    return true;
  }

  private index(): void {
    // At most half the slots in use, so a miss ends soon; a larger table takes every key in again.
    if (!this.slots || 2 * this.count > this.slots.length) {
      let size = 64;
      while (size < 2 * this.count) size *= 2;
      this.slots = new Int32Array(size);
      this.indexed = 0;
    }
    const slots = this.slots;
    const mask = slots.length - 1;
    for (; this.indexed < this.count; this.indexed++) {
      const i = this.indexed;
      const from = this.startOf(i);
      let s = hashOf(this.bytes, from, this.ends[i] as number) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = i + 1;
    }
  }
}
