// Strings kept as UTF-8 bytes in one growing buffer instead of one JS string per record field: a million invoices'
// names, tax ids and times become a few large allocations the garbage collector never has to walk.

import { type IndexImage, imageCount, imagePart } from './index-image.js';

const EMPTY_SLOT = 0;
// Decoded strings kept at hand by `getRepeated` (a power of two).
const DECODED_SLOTS = 1 << 12;
// Old slots taken into a new table per step of a sliced rehash: ~10 ms each at a million strings.
const REHASH_SLICE = 1 << 18;
// Bytes copied into a grown buffer per step (see `reserveSteps`).
const COPY_SLICE = 1 << 24;

/**
 * An append-only table of strings, each known by a small integer id. `intern` stores a string once and returns the
 * same id for every later copy (names, tax ids, statuses repeat across records); `add` appends without looking
 * (issue times are nearly all distinct, so a dedup lookup would only cost). Strings must be well formed
 * (`String.prototype.isWellFormed`): a lone surrogate would not survive UTF-8, so callers keep such strings elsewhere.
 */
export class StringTable {
  private bytes: Buffer<ArrayBufferLike> = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  // starts[i] is where string i begins; it ends where string i + 1 begins (starts[count] === used).
  private starts = new Uint32Array(1 << 10);
  private hashes = new Uint32Array(1 << 10);
  private count = 0;
  // Open addressing over interned strings: id + 1, or 0 for an empty slot.
  private slots: Int32Array<ArrayBufferLike> = new Int32Array(1 << 10);
  private interned = 0;
  // The most recently interned strings by value. A record's repeated strings (its status, type, company names and tax
  // ids) are found here without decoding a candidate from the buffer; bounded, so it never holds more than
  // `recent` JS strings.
  private readonly cache = new Map<string, number>();
  // A direct-mapped cache of decoded strings by id (see `getRepeated`): ids never change their string (the table is
  // append-only), so an entry stays right until `loadFrom` replaces the table.
  private decodedIds = new Int32Array(DECODED_SLOTS).fill(-1);
  private decoded: Array<string | undefined> = new Array(DECODED_SLOTS).fill(undefined);
  // A rehash under way in steps (see `reserveSteps`): the next slots array, and how many old slots it has taken in.
  // Lookups keep using the old slots, which stay complete, until the last step swaps the new ones in.
  private pending: { slots: Int32Array<ArrayBufferLike>; done: number } | undefined;

  /** `recent`: how many interned strings to keep at hand as JS strings (0 for tables of mostly distinct strings). */
  constructor(private readonly recent = 0) {}

  /** How many strings the table holds. */
  get size(): number {
    return this.count;
  }

  /** Bytes of string data held (garbage from replaced records included). */
  get byteLength(): number {
    return this.used;
  }

  /** The id of `text`, storing it if no equal string was interned before. */
  intern(text: string): number {
    const cached = this.cache.get(text);
    if (cached !== undefined) return cached;
    const id = this.internUncached(text);
    if (this.recent > 0) {
      if (this.cache.size >= this.recent) this.cache.clear();
      this.cache.set(text, id);
    }
    return id;
  }

  private internUncached(text: string): number {
    // Nothing interns between an import's reserve steps; if something did, the new slots must not miss its string.
    if (this.pending) this.finishRehash();
    const hash = hashOf(text);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === EMPTY_SLOT) break;
      if (this.hashes[entry - 1] === hash && this.equalText(entry - 1, text)) return entry - 1;
    }
    const id = this.append(text, hash);
    this.insertSlot(id);
    this.interned += 1;
    if (this.interned * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return id;
  }

  /**
   * The id of the string whose UTF-8 bytes are `source[start, end)`, storing it if no equal string was interned
   * before: {@link intern} without making a JS string (an import reads its records' fields from their JSON bytes).
   * The bytes must be well-formed UTF-8 (what `Buffer.write` makes of a well-formed string).
   */
  internBytes(source: Uint8Array, start: number, end: number): number {
    if (this.pending) this.finishRehash();
    const hash = hashOfUtf8(source, start, end);
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === EMPTY_SLOT) break;
      if (this.hashes[entry - 1] === hash && this.equalBytes(entry - 1, source, start, length)) return entry - 1;
    }
    const id = this.appendBytes(source, start, end, hash);
    this.insertSlot(id);
    this.interned += 1;
    if (this.interned * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return id;
  }

  /** {@link add} for a string given as its UTF-8 bytes `source[start, end)`. */
  addBytes(source: Uint8Array, start: number, end: number): number {
    return this.appendBytes(source, start, end, 0);
  }

  // Whether string `id` equals `text`: an ASCII text is compared with the bytes directly (invoice keys, tax ids,
  // days), anything else decoded first.
  private equalText(id: number, text: string): boolean {
    const from = this.starts[id] as number;
    const to = id + 1 === this.count ? this.used : (this.starts[id + 1] as number);
    if (to - from < text.length) return false;
    const bytes = this.bytes;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0x80) return this.get(id) === text;
      if (bytes[from + i] !== unit) return false;
    }
    return to - from === text.length;
  }

  // Whether string `id` is exactly the `length` bytes at `source[start]` (equal UTF-8 is an equal string).
  private equalBytes(id: number, source: Uint8Array, start: number, length: number): boolean {
    const from = this.starts[id] as number;
    const to = id + 1 === this.count ? this.used : (this.starts[id + 1] as number);
    if (to - from !== length) return false;
    const bytes = this.bytes;
    for (let i = 0; i < length; i++) if (bytes[from + i] !== source[start + i]) return false;
    return true;
  }

  private appendBytes(source: Uint8Array, start: number, end: number, hash: number): number {
    const id = this.nextId(end - start, hash);
    const bytes = this.bytes;
    // A short string is copied byte by byte: no view object per string.
    if (end - start < 64) for (let i = start; i < end; i++) bytes[this.used++] = source[i] as number;
    else {
      bytes.set(source.subarray(start, end), this.used);
      this.used += end - start;
    }
    this.count += 1;
    return id;
  }

  // The id the next string gets, with room for `bytes` more bytes and its start and hash recorded.
  private nextId(bytes: number, hash: number): number {
    if (this.used + bytes > this.bytes.length) this.growBytes(this.used + bytes);
    if (this.count === this.starts.length) {
      this.starts = grow(this.starts);
      this.hashes = grow(this.hashes, this.starts.length);
    }
    this.starts[this.count] = this.used;
    this.hashes[this.count] = hash;
    return this.count;
  }

  /** The id of an interned string equal to `text`, or -1. */
  find(text: string): number {
    const hash = hashOf(text);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === EMPTY_SLOT) return -1;
      if (this.hashes[entry - 1] === hash && this.equalText(entry - 1, text)) return entry - 1;
    }
  }

  /** Appends `text` without deduplicating it; its id is new. */
  add(text: string): number {
    // Only interned strings are ever looked up by hash.
    return this.append(text, 0);
  }

  /**
   * The string with this id, kept at hand once read: for ids read over and over (a record's interned type, status,
   * company names and tax ids), not for mostly distinct ones, which would only push those out.
   */
  getRepeated(id: number): string {
    const slot = id & (DECODED_SLOTS - 1);
    if (this.decodedIds[slot] === id) return this.decoded[slot] as string;
    const text = this.get(id);
    this.decodedIds[slot] = id;
    this.decoded[slot] = text;
    return text;
  }

  /** The string with this id. */
  get(id: number): string {
    const start = this.starts[id] as number;
    const end = id + 1 === this.count ? this.used : (this.starts[id + 1] as number);
    return this.bytes.toString('utf8', start, end);
  }

  /** Adds the table's arrays (only their used part) and counts to an index image under `prefix`. */
  saveTo(image: IndexImage, prefix: string): void {
    image.set(`${prefix}.bytes`, new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.used));
    image.set(`${prefix}.starts`, this.starts.subarray(0, this.count));
    image.set(`${prefix}.hashes`, this.hashes.subarray(0, this.count));
    image.set(`${prefix}.slots`, this.slots);
    image.set(`${prefix}.interned`, this.interned);
  }

  /** Replaces the table's content with what {@link saveTo} put in `image`. */
  loadFrom(image: IndexImage, prefix: string): void {
    const bytes = imagePart(image, `${prefix}.bytes`, Uint8Array);
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    this.used = bytes.length;
    this.starts = imagePart(image, `${prefix}.starts`, Uint32Array);
    this.hashes = imagePart(image, `${prefix}.hashes`, Uint32Array);
    this.count = this.starts.length;
    this.slots = imagePart(image, `${prefix}.slots`, Int32Array);
    this.interned = imageCount(image, `${prefix}.interned`);
    this.pending = undefined;
    this.cache.clear();
    this.decodedIds.fill(-1);
    this.decoded.fill(undefined);
  }

  /**
   * The steps that make room for `strings` more strings of `bytes` bytes in all, `interned` of them interned: each
   * grows one array, so a big import can yield to the event loop between them (see `InvoiceIndex.reserveSteps`).
   */
  reserveSteps(strings: number, bytes: number, interned: number): Array<() => void> {
    const steps: Array<() => void> = [];
    if (this.used + bytes > this.bytes.length) steps.push(...this.growBytesSteps(this.used + bytes));
    if (this.count + strings > this.starts.length) {
      steps.push(() => {
        this.hashes = grow(this.hashes, this.count + strings);
      });
      // `starts` last: its length is what `append` checks.
      steps.push(() => {
        this.starts = grow(this.starts, this.count + strings);
      });
    }
    let slots = this.slots.length;
    while ((this.interned + interned) * 2 > slots) slots *= 2;
    if (slots > this.slots.length) steps.push(...this.rehashSteps(slots));
    return steps;
  }

  // A rehash of a million strings in one go stalled a running bot's event loop for ~300 ms (the tax import after a
  // ledger of a million): it is split into steps of REHASH_SLICE old slots, each a few milliseconds.
  private rehashSteps(size: number): Array<() => void> {
    const steps = [
      () => {
        this.pending = { slots: new Int32Array(size), done: 0 };
      },
    ];
    for (let from = REHASH_SLICE; from < this.slots.length; from += REHASH_SLICE)
      steps.push(() => this.rehashSome(REHASH_SLICE));
    steps.push(() => this.finishRehash());
    return steps;
  }

  // The buffer grown in steps of COPY_SLICE bytes: readers keep the old buffer until the copy is complete.
  private growBytesSteps(min: number): Array<() => void> {
    let next: Buffer | undefined;
    const copied = this.used;
    const steps = [
      () => {
        next = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, min));
      },
    ];
    for (let from = 0; from < copied; from += COPY_SLICE)
      steps.push(() => {
        this.bytes.copy(next as Buffer, from, from, Math.min(from + COPY_SLICE, copied));
      });
    steps.push(() => {
      const grown = next as Buffer;
      // Nothing appends between an import's reserve steps; should something have, its bytes follow (or, too many
      // for the new buffer, the table grows again at its next append).
      if (this.used > grown.length) return;
      this.bytes.copy(grown, copied, copied, this.used);
      this.bytes = grown;
    });
    return steps;
  }

  private growBytes(min: number): void {
    const next = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, min));
    this.bytes.copy(next, 0, 0, this.used);
    this.bytes = next;
  }

  private append(text: string, hash: number): number {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const id = this.nextId(text.length * 3, hash);
    this.used += this.bytes.write(text, this.used, 'utf8');
    this.count += 1;
    return id;
  }

  private insertSlot(id: number, slots: Int32Array<ArrayBufferLike> = this.slots): void {
    const mask = slots.length - 1;
    let slot = (this.hashes[id] as number) & mask;
    while (slots[slot] !== EMPTY_SLOT) slot = (slot + 1) & mask;
    slots[slot] = id + 1;
  }

  private rehash(size: number): void {
    this.pending = { slots: new Int32Array(size), done: 0 };
    this.finishRehash();
  }

  // Takes up to `count` more old slots into the pending slots array.
  private rehashSome(count: number): void {
    const pending = this.pending;
    if (!pending) return;
    const end = Math.min(pending.done + count, this.slots.length);
    for (let i = pending.done; i < end; i++) {
      const entry = this.slots[i] as number;
      if (entry !== EMPTY_SLOT) this.insertSlot(entry - 1, pending.slots);
    }
    pending.done = end;
  }

  private finishRehash(): void {
    const pending = this.pending;
    if (!pending) return;
    this.rehashSome(this.slots.length);
    this.slots = pending.slots;
    this.pending = undefined;
  }
}

/** A copy of `array` with twice the room (at least `min` elements). */
export function grow<T extends Int32Array | Uint32Array | Float64Array | Uint8Array>(array: T, min = 0): T {
  const next = new (array.constructor as new (length: number) => T)(Math.max(array.length * 2, min, 16));
  next.set(array);
  return next;
}

/**
 * {@link hashOf} of the string whose UTF-8 bytes are `bytes[start, end)`, decoded here to the same UTF-16 code units
 * (a code point above U+FFFF as its surrogate pair), so strings interned from bytes and from JS strings meet.
 */
export function hashOfUtf8(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; ) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      h = Math.imul(h ^ b, 0x01000193);
      i += 1;
    } else if (b < 0xe0) {
      h = Math.imul(h ^ (((b & 0x1f) << 6) | ((bytes[i + 1] as number) & 0x3f)), 0x01000193);
      i += 2;
    } else if (b < 0xf0) {
      const unit = ((b & 0x0f) << 12) | (((bytes[i + 1] as number) & 0x3f) << 6) | ((bytes[i + 2] as number) & 0x3f);
      h = Math.imul(h ^ unit, 0x01000193);
      i += 3;
    } else {
      const point =
        (((b & 0x07) << 18) |
          (((bytes[i + 1] as number) & 0x3f) << 12) |
          (((bytes[i + 2] as number) & 0x3f) << 6) |
          ((bytes[i + 3] as number) & 0x3f)) -
        0x10000;
      h = Math.imul(h ^ (0xd800 + (point >> 10)), 0x01000193);
      h = Math.imul(h ^ (0xdc00 + (point & 0x3ff)), 0x01000193);
      i += 4;
    }
  }
  return h >>> 0;
}

// FNV-1a over UTF-16 code units: no encoding needed to look a string up.
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
