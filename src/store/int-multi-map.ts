import { type IndexImage, imageCount, imagePart } from './index-image.js';
import { grow } from './string-table.js';

// Old slots taken into a new key table per step of a sliced rehash.
const REHASH_SLICE = 1 << 18;

/**
 * A multimap from a number (a day id, an amount in fen, an 8-digit invoice number, a name id) to int32 values (the
 * invoices under it), held in typed arrays: an open-addressing table of keys, and one linked list of values per key,
 * newest first. It replaces a `Map` of `Set`s, whose million entries were as many small objects for the collector.
 * Values are never removed (a replaced record leaves its old entries; readers check the record), and adding the
 * value a key got last is a no-op.
 */
export class IntMultiMap {
  private keys = new Float64Array(1 << 10);
  // Per slot: index + 1 of the newest node (0: empty slot), and how many values the key has.
  private heads = new Int32Array(1 << 10);
  private sizes = new Int32Array(1 << 10);
  private used = 0;
  private nodeValue = new Int32Array(1 << 10);
  private nodeNext = new Int32Array(1 << 10);
  private nodes = 0;
  // A rehash under way in steps (see `reserveSteps`): the next key table, and how many old slots it has taken in.
  // Readers keep using the old table, which stays complete, until the last step swaps the new one in.
  private pending:
    | { keys: Float64Array<ArrayBuffer>; heads: Int32Array<ArrayBuffer>; sizes: Int32Array<ArrayBuffer>; done: number }
    | undefined;

  /** Adds `value` under `key`. */
  add(key: number, value: number): void {
    // Nothing adds between an import's reserve steps; if something did, the new table must not miss its key.
    if (this.pending) this.finishRehash();
    let slot = this.slotOf(key);
    const head = this.heads[slot] as number;
    if (head !== 0 && this.nodeValue[head - 1] === value) return;
    if (head === 0) {
      if ((this.used + 1) * 2 > this.keys.length) {
        this.rehash(this.keys.length * 2);
        slot = this.slotOf(key);
      }
      this.keys[slot] = key;
      this.used += 1;
    }
    if (this.nodes === this.nodeValue.length) {
      this.nodeValue = grow(this.nodeValue);
      this.nodeNext = grow(this.nodeNext, this.nodeValue.length);
    }
    this.nodeValue[this.nodes] = value;
    this.nodeNext[this.nodes] = this.heads[slot] as number;
    this.nodes += 1;
    this.heads[slot] = this.nodes;
    this.sizes[slot] = (this.sizes[slot] as number) + 1;
  }

  /** True when `key` has at least one value. */
  has(key: number): boolean {
    return this.heads[this.slotOf(key)] !== 0;
  }

  /** How many values `key` has (a replaced record may count twice). */
  size(key: number): number {
    return this.sizes[this.slotOf(key)] as number;
  }

  /** The values under `key`, newest first, without duplicates. */
  get(key: number): number[] {
    const out: number[] = [];
    for (let node = this.heads[this.slotOf(key)] as number; node !== 0; node = this.nodeNext[node - 1] as number) {
      out.push(this.nodeValue[node - 1] as number);
    }
    return out.length > 1 ? [...new Set(out)] : out;
  }

  /** Every key that has a value. */
  allKeys(): number[] {
    const out: number[] = [];
    for (let slot = 0; slot < this.keys.length; slot++) if (this.heads[slot] !== 0) out.push(this.keys[slot] as number);
    return out;
  }

  /** Adds the map's arrays and counts to an index image under `prefix`. */
  saveTo(image: IndexImage, prefix: string): void {
    image.set(`${prefix}.keys`, this.keys);
    image.set(`${prefix}.heads`, this.heads);
    image.set(`${prefix}.sizes`, this.sizes);
    image.set(`${prefix}.used`, this.used);
    image.set(`${prefix}.nodeValue`, this.nodeValue.subarray(0, this.nodes));
    image.set(`${prefix}.nodeNext`, this.nodeNext.subarray(0, this.nodes));
  }

  /** Replaces the map's content with what {@link saveTo} put in `image`. */
  loadFrom(image: IndexImage, prefix: string): void {
    this.keys = imagePart(image, `${prefix}.keys`, Float64Array);
    this.heads = imagePart(image, `${prefix}.heads`, Int32Array);
    this.sizes = imagePart(image, `${prefix}.sizes`, Int32Array);
    this.used = imageCount(image, `${prefix}.used`);
    this.nodeValue = imagePart(image, `${prefix}.nodeValue`, Int32Array);
    this.nodeNext = imagePart(image, `${prefix}.nodeNext`, Int32Array);
    this.nodes = this.nodeValue.length;
    this.pending = undefined;
  }

  // The slot holding `key`, or the empty slot where it would go.
  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let slot = mix(key) & mask;
    while (this.heads[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  /** The steps that make room for `keys` more keys and `values` more values, one array each (see `StringTable`). */
  reserveSteps(keys: number, values: number): Array<() => void> {
    const steps: Array<() => void> = [];
    if (this.nodes + values > this.nodeValue.length) {
      steps.push(() => {
        this.nodeNext = grow(this.nodeNext, this.nodes + values);
      });
      // `nodeValue` last: its length is what `add` checks.
      steps.push(() => {
        this.nodeValue = grow(this.nodeValue, this.nodes + values);
      });
    }
    let size = this.keys.length;
    while ((this.used + keys) * 2 > size) size *= 2;
    if (size > this.keys.length) {
      // In slices, as `StringTable` rehashes: a million keys at once stalled the event loop for a few hundred ms.
      steps.push(() => {
        this.pending = {
          keys: new Float64Array(size),
          heads: new Int32Array(size),
          sizes: new Int32Array(size),
          done: 0,
        };
      });
      for (let from = REHASH_SLICE; from < this.keys.length; from += REHASH_SLICE)
        steps.push(() => this.rehashSome(REHASH_SLICE));
      steps.push(() => this.finishRehash());
    }
    return steps;
  }

  private rehash(size: number): void {
    this.pending = { keys: new Float64Array(size), heads: new Int32Array(size), sizes: new Int32Array(size), done: 0 };
    this.finishRehash();
  }

  // Takes up to `count` more old slots into the pending table.
  private rehashSome(count: number): void {
    const next = this.pending;
    if (!next) return;
    const end = Math.min(next.done + count, this.keys.length);
    const mask = next.keys.length - 1;
    for (let old = next.done; old < end; old++) {
      if (this.heads[old] === 0) continue;
      const key = this.keys[old] as number;
      let slot = mix(key) & mask;
      while (next.heads[slot] !== 0) slot = (slot + 1) & mask;
      next.keys[slot] = key;
      next.heads[slot] = this.heads[old] as number;
      next.sizes[slot] = this.sizes[old] as number;
    }
    next.done = end;
  }

  private finishRehash(): void {
    const next = this.pending;
    if (!next) return;
    this.rehashSome(this.keys.length);
    this.keys = next.keys;
    this.heads = next.heads;
    this.sizes = next.sizes;
    this.pending = undefined;
  }
}

// Spreads integer-valued doubles (amounts beyond 2^31 included) over the table.
function mix(key: number): number {
  const low = key | 0;
  const high = (key / 4_294_967_296) | 0;
  let h = Math.imul(low ^ Math.imul(high, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  return h >>> 0;
}
