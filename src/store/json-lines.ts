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
    this.used += this.current.write(json, this.used);
    this.current[this.used] = 10;
    this.used += 1;
    this.lines += 1;
  }

  /** Appends one JSON text given as its UTF-8 bytes `from[start, end)`, which end with a line break. */
  appendBytes(from: Uint8Array, start: number, end: number): void {
    this.room(end - start);
    this.current.set(from.subarray(start, end), this.used);
    this.used += end - start;
    this.lines += 1;
  }

  /** Appends to `other` a copy of the text appended last here (its bytes, not encoded again). */
  copyLastTo(other: JsonLines): void {
    const end = this.used;
    const start = this.current.lastIndexOf(10, end - 2) + 1;
    other.room(end - start);
    other.used += this.current.copy(other.current, other.used, start, end);
    other.lines += 1;
  }

  // Makes room for `bytes` more in the current buffer, starting a new one when it is full.
  private room(bytes: number): void {
    if (this.used + bytes <= this.current.length) return;
    if (this.used > 0) this.full.push(this.current.subarray(0, this.used));
    this.current = Buffer.allocUnsafeSlow(Math.max(this.chunk, bytes));
    this.used = 0;
  }

  /**
   * `prefix`, the texts one a line separated by commas, then `suffix`, as UTF-8: a shard file's bytes (what
   * `shardJson` writes), made by copying bytes rather than decoding and joining strings.
   */
  joined(prefix: string, suffix: string): Buffer {
    const buffers = [...this.full, this.current.subarray(0, this.used)];
    const bytes = buffers.reduce((n, b) => n + b.length, 0);
    // A comma before every line break but the last; the last line's break stays out (`suffix` starts with one).
    const out = Buffer.allocUnsafe(Buffer.byteLength(prefix) + bytes + Math.max(0, this.lines - 1) + suffix.length * 3);
    let at = out.write(prefix);
    let left = this.lines;
    for (const buffer of buffers) {
      let start = 0;
      while (start < buffer.length) {
        const end = buffer.indexOf(10, start);
        at += buffer.copy(out, at, start, end);
        left -= 1;
        if (left > 0) at += out.write(',\n', at);
        start = end + 1;
      }
    }
    at += out.write(suffix, at);
    return out.subarray(0, at);
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
