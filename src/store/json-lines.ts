import { grow } from './string-table.js';

// Records waiting to be written kept as UTF-8 JSON lines in large buffers, outside the JS heap: an import of a million
// records holds a few hundred buffers instead of twenty million small objects for the garbage collector to walk.

/**
 * An append-only list of JSON texts (one record each, no line breaks inside: JSON.stringify never writes one) as
 * UTF-8 lines outside the JS heap: either written into buffers of `chunk` bytes (1 MiB unless said) of its own, or
 * left where they already are — in a buffer the list adopts (an import worker's batch) — and referred to. Each text
 * is known by where it lies: its buffer, its start, its length.
 * @example const lines = new JsonLines(); lines.append(JSON.stringify(r)); for (const texts of lines.chunks()) …
 */
export class JsonLines {
  // Own chunks and adopted buffers, by index; appends go to the chunk at `own` (-1: none yet).
  private readonly held: Buffer[] = [];
  private own = -1;
  private used = 0;
  // Three numbers a text, in the order appended: its buffer's index, where it starts, its length without the line
  // break. A typed array: the garbage collector does not walk it.
  private refs = new Int32Array(3 * 1024);
  private size = 0;

  constructor(private readonly chunk = 1 << 20) {}

  /** How many texts were appended. */
  get count(): number {
    return this.size / 3;
  }

  /** Appends one JSON text. */
  append(json: string): void {
    // At most three bytes of UTF-8 per UTF-16 unit: room enough without measuring the text first.
    const chunk = this.room(3 * json.length + 1);
    const start = this.used;
    const length = chunk.write(json, start);
    chunk[start + length] = 10;
    this.used += length + 1;
    this.refer(this.own, start, length);
  }

  /** Appends one JSON text given as its UTF-8 bytes `from[start, end)`, which end with a line break (copied). */
  appendBytes(from: Uint8Array, start: number, end: number): void {
    const chunk = this.room(end - start);
    chunk.set(from.subarray(start, end), this.used);
    this.refer(this.own, this.used, end - start - 1);
    this.used += end - start;
  }

  /**
   * Takes `bytes` (lines of UTF-8, each ending with a line break) as one of the list's buffers without copying them,
   * and answers its index for {@link appendAt}. The bytes must not change afterwards.
   */
  adopt(bytes: Uint8Array): number {
    this.held.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return this.held.length - 1;
  }

  /** Appends the text that lies in adopted buffer `buffer` at `[start, end)` (`end` at its line break). */
  appendAt(buffer: number, start: number, end: number): void {
    this.refer(buffer, start, end - start);
  }

  /** Which buffer the text appended last lies in, for {@link LineRefs}. */
  get lastBuffer(): number {
    return this.refs[this.size - 3] as number;
  }

  /** Where the text appended last starts in its buffer. */
  get lastStart(): number {
    return this.refs[this.size - 2] as number;
  }

  /** The length in bytes of the text appended last, without its line break. */
  get lastLength(): number {
    return this.refs[this.size - 1] as number;
  }

  /** The buffer of text `i` (in the order appended), where it starts there, and (below) its length. */
  bufferOf(i: number): Buffer {
    return this.held[this.refs[3 * i] as number] as Buffer;
  }

  /** Where text `i` starts in {@link bufferOf}(i). */
  startOf(i: number): number {
    return this.refs[3 * i + 1] as number;
  }

  /** The length in bytes of text `i`, without its line break. */
  lengthOf(i: number): number {
    return this.refs[3 * i + 2] as number;
  }

  /** The bytes of a text in buffer `buffer` (see {@link lastBuffer}), without its line break. */
  line(buffer: number, start: number, length: number): Buffer {
    return (this.held[buffer] as Buffer).subarray(start, start + length);
  }

  private refer(buffer: number, start: number, length: number): void {
    if (this.size + 3 > this.refs.length) this.refs = grow(this.refs);
    this.refs[this.size++] = buffer;
    this.refs[this.size++] = start;
    this.refs[this.size++] = length;
  }

  // The own chunk with room for `bytes` more, started anew when the current one is full.
  private room(bytes: number): Buffer {
    const current = this.own < 0 ? undefined : this.held[this.own];
    if (current && this.used + bytes <= current.length) return current;
    const next = Buffer.allocUnsafeSlow(Math.max(this.chunk, bytes));
    this.held.push(next);
    this.own = this.held.length - 1;
    this.used = 0;
    return next;
  }

  /** The texts in the order appended, a few thousand per step. */
  *chunks(): Generator<string[]> {
    const { refs, size } = this;
    // Texts that follow one another in one buffer are decoded at once and split at their line breaks.
    for (let i = 0; i < size; ) {
      const buffer = refs[i] as number;
      const start = refs[i + 1] as number;
      let end = start + (refs[i + 2] as number);
      let n = 1;
      for (i += 3; i < size && n < 4096 && refs[i] === buffer && refs[i + 1] === end + 1; i += 3, n++)
        end += 1 + (refs[i + 2] as number);
      yield (this.held[buffer] as Buffer).toString('utf8', start, end).split('\n');
    }
  }
}

/**
 * Some texts of a {@link JsonLines} (a shard's records), kept as where they lie there rather than as a second copy of
 * their bytes: a 1M-record import held every record's JSON twice, once in import order and once by shard.
 * @example const day = new LineRefs(log); log.append(json); day.addLast(); day.joined('[', ']')
 */
export class LineRefs {
  // Three numbers a text: buffer, start, length; in a typed array, which the garbage collector does not walk (a 1M-row
  // import refers to three million of them until its shards are written).
  private refs = new Int32Array(48);
  private size = 0;

  constructor(private readonly log: JsonLines) {}

  /** How many texts are referred to. */
  get count(): number {
    return this.size / 3;
  }

  /** Refers to the text appended to the log last. */
  addLast(): void {
    if (this.size + 3 > this.refs.length) this.refs = grow(this.refs);
    this.refs[this.size++] = this.log.lastBuffer;
    this.refs[this.size++] = this.log.lastStart;
    this.refs[this.size++] = this.log.lastLength;
  }

  /**
   * `prefix`, the texts one a line separated by commas, then `suffix`, as UTF-8: a shard file's bytes (what
   * `shardJson` writes), copied from the log's buffers rather than decoded and joined as strings. `room` gives the
   * buffer to write them into, at least as large as asked (a new one unless said): a writer of many shards can reuse
   * one instead of allocating (and leaving to the garbage collector) the size of every shard again.
   */
  joined(prefix: string, suffix: string, room: (bytes: number) => Buffer = (n) => Buffer.allocUnsafe(n)): Buffer {
    const { refs, size } = this;
    let bytes = 0;
    for (let i = 2; i < size; i += 3) bytes += (refs[i] as number) + 2;
    const out = room(Buffer.byteLength(prefix) + bytes + Buffer.byteLength(suffix));
    let at = out.write(prefix);
    for (let i = 0; i < size; i += 3) {
      if (i > 0) at += out.write(',\n', at);
      at += this.log.line(refs[i] as number, refs[i + 1] as number, refs[i + 2] as number).copy(out, at);
    }
    at += out.write(suffix, at);
    return out.subarray(0, at);
  }

  /** The texts, in the order they were referred to. */
  texts(): string[] {
    const { refs, size } = this;
    const out: string[] = [];
    for (let i = 0; i < size; i += 3)
      out.push(this.log.line(refs[i] as number, refs[i + 1] as number, refs[i + 2] as number).toString('utf8'));
    return out;
  }
}
