// Records waiting to be written kept as UTF-8 JSON lines in large buffers, outside the JS heap: an import of a million
// records holds a few hundred buffers instead of twenty million small objects for the garbage collector to walk.

/**
 * An append-only list of JSON texts (one record each, no line breaks inside: JSON.stringify never writes one) stored
 * as lines of UTF-8 in buffers of `chunk` bytes (1 MiB unless said). Read back a buffer's worth at a time.
 * @example const lines = new JsonLines(); lines.append(JSON.stringify(r)); for (const texts of lines.chunks()) …
 */
export class JsonLines {
  private readonly full: Buffer[] = [];
  private current = Buffer.allocUnsafeSlow(0);
  private used = 0;
  private lines = 0;

  constructor(private readonly chunk = 1 << 20) {}

  /** How many texts were appended. */
  get count(): number {
    return this.lines;
  }

  /** Appends one JSON text. */
  append(json: string): void {
    // At most three bytes of UTF-8 per UTF-16 unit: room enough without measuring the text first.
    this.room(3 * json.length + 1);
    const start = this.used;
    this.used += this.current.write(json, this.used);
    this.current[this.used] = 10;
    this.used += 1;
    this.appended(start);
  }

  /** Appends one JSON text given as its UTF-8 bytes `from[start, end)`, which end with a line break. */
  appendBytes(from: Uint8Array, start: number, end: number): void {
    this.room(end - start);
    const at = this.used;
    this.current.set(from.subarray(start, end), at);
    this.used += end - start;
    this.appended(at);
  }

  /** Where the text appended last lies, for {@link LineRefs}: its buffer, where it starts there, and its length. */
  lastLine(): [buffer: number, start: number, length: number] {
    return [this.full.length, this.lastStart, this.used - this.lastStart - 1];
  }

  /** The bytes of a text {@link lastLine} located, without its line break. */
  line(buffer: number, start: number, length: number): Buffer {
    const b = buffer < this.full.length ? (this.full[buffer] as Buffer) : this.current;
    return b.subarray(start, start + length);
  }

  private lastStart = 0;

  private appended(start: number): void {
    this.lastStart = start;
    this.lines += 1;
  }

  // Makes room for `bytes` more in the current buffer, starting a new one when it is full.
  private room(bytes: number): void {
    if (this.used + bytes <= this.current.length) return;
    if (this.used > 0) this.full.push(this.current.subarray(0, this.used));
    this.current = Buffer.allocUnsafeSlow(Math.max(this.chunk, bytes));
    this.used = 0;
  }

  /** The buffers, in the order appended: each holds whole lines, each line ending with a line break. */
  *buffers(): Generator<Buffer> {
    for (const buffer of [...this.full, this.current.subarray(0, this.used)]) if (buffer.length > 0) yield buffer;
  }

  /** The texts in the order appended, one buffer's worth (a few thousand) per step. */
  *chunks(): Generator<string[]> {
    for (const buffer of [...this.full, this.current.subarray(0, this.used)]) {
      if (buffer.length === 0) continue;
      // Every buffer ends with a line break: the last piece of the split is empty.
      yield buffer.toString('utf8').split('\n').slice(0, -1);
    }
  }
}

/**
 * Some texts of a {@link JsonLines} (a shard's records), kept as where they lie there rather than as a second copy of
 * their bytes: a 1M-record import held every record's JSON twice, once in import order and once by shard.
 * @example const day = new LineRefs(log); log.append(json); day.addLast(); day.joined('[', ']')
 */
export class LineRefs {
  // Three numbers a text: buffer, start, length.
  private readonly refs: number[] = [];

  constructor(private readonly log: JsonLines) {}

  /** How many texts are referred to. */
  get count(): number {
    return this.refs.length / 3;
  }

  /** Refers to the text appended to the log last. */
  addLast(): void {
    this.refs.push(...this.log.lastLine());
  }

  /**
   * `prefix`, the texts one a line separated by commas, then `suffix`, as UTF-8: a shard file's bytes (what
   * `shardJson` writes), copied from the log's buffers rather than decoded and joined as strings.
   */
  joined(prefix: string, suffix: string): Buffer {
    const { refs } = this;
    let bytes = 0;
    for (let i = 2; i < refs.length; i += 3) bytes += (refs[i] as number) + 2;
    const out = Buffer.allocUnsafe(Buffer.byteLength(prefix) + bytes + Buffer.byteLength(suffix));
    let at = out.write(prefix);
    for (let i = 0; i < refs.length; i += 3) {
      if (i > 0) at += out.write(',\n', at);
      at += this.log.line(refs[i] as number, refs[i + 1] as number, refs[i + 2] as number).copy(out, at);
    }
    at += out.write(suffix, at);
    return out.subarray(0, at);
  }

  /** The texts, in the order they were referred to. */
  texts(): string[] {
    const { refs } = this;
    const out: string[] = [];
    for (let i = 0; i < refs.length; i += 3)
      out.push(this.log.line(refs[i] as number, refs[i + 1] as number, refs[i + 2] as number).toString('utf8'));
    return out;
  }
}
