// Where the values of a flat JSON object lie in its UTF-8 bytes, found without making a JS string or object: an
// import reads its records' fields straight from the JSON lines it stores, instead of `JSON.parse` building some twenty
// strings and an object per record for the garbage collector (at a million records, its mark-compact pauses were the
// running bot's longest stalls).

/** A value token's kind, in {@link JsonLineScanner.kinds}; 0 when the key was absent. */
export const Token = {
  absent: 0,
  /** A string without escapes: its bytes are the string's UTF-8. */
  string: 1,
  /** A string with at least one backslash escape: decode it before use. */
  escaped: 2,
  number: 3,
  true: 4,
  false: 5,
  null: 6,
  array: 7,
  object: 8,
} as const;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * Scans one JSON object text written by `JSON.stringify` (no whitespace) whose keys are all among `names`, and says
 * where each value lies: `starts[i]`/`ends[i]` for the key `names[i]` (a string's content without its quotes; any
 * other value whole), `kinds[i]` its {@link Token}. Anything else — an unknown or repeated key, whitespace, a key with
 * an escape, malformed text — makes {@link scan} answer false, and the caller parses the text the ordinary way.
 * @example const s = new JsonLineScanner(['a', 'b']); s.scan(bytes, 0, bytes.length) && s.kinds[1] === Token.number
 */
export class JsonLineScanner {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly kinds: Uint8Array;
  private readonly names: Uint8Array[];
  // Key bytes' hash → the key's position in `names`.
  private readonly byHash = new Map<number, number>();
  // Objects of one kind repeat their keys in one order: the key that came after each key (and first) last time is
  // tried before the hash lookup, so a key costs one comparison of its bytes.
  private readonly after: Int8Array;
  private first = -1;

  constructor(names: readonly string[]) {
    const encoder = new TextEncoder();
    this.names = names.map((n) => encoder.encode(n));
    for (const [i, name] of this.names.entries()) {
      const hash = hashBytes(name, 0, name.length);
      if (this.byHash.has(hash)) throw new Error(`JsonLineScanner: keys ${names.join(', ')} collide`);
      this.byHash.set(hash, i);
    }
    this.starts = new Int32Array(names.length);
    this.ends = new Int32Array(names.length);
    this.kinds = new Uint8Array(names.length);
    this.after = new Int8Array(names.length).fill(-1);
  }

  /** Scans the object text `bytes[start, end)`; false when it is not an object of the expected keys (see above). */
  scan(bytes: Uint8Array, start: number, end: number): boolean {
    this.kinds.fill(Token.absent);
    if (end - start < 2 || bytes[start] !== 0x7b || bytes[end - 1] !== 0x7d) return false;
    let i = start + 1;
    let previous = -1;
    for (;;) {
      // A key: ASCII without escapes.
      if (bytes[i] !== QUOTE) return false;
      const keyStart = i + 1;
      let keyEnd = keyStart;
      while (keyEnd < end && bytes[keyEnd] !== QUOTE) {
        if (bytes[keyEnd] === BACKSLASH) return false;
        keyEnd += 1;
      }
      const expected = previous < 0 ? this.first : (this.after[previous] as number);
      const field =
        expected >= 0 && this.isKey(expected, bytes, keyStart, keyEnd) ? expected : this.field(bytes, keyStart, keyEnd);
      if (field >= 0) {
        if (previous < 0) this.first = field;
        else this.after[previous] = field;
        previous = field;
      }
      if (field < 0 || this.kinds[field] !== Token.absent || bytes[keyEnd + 1] !== COLON) return false;
      i = keyEnd + 2;
      const b = bytes[i];
      let valueEnd: number;
      if (b === QUOTE) {
        let kind: number = Token.string;
        let j = i + 1;
        for (;;) {
          if (j >= end) return false;
          const c = bytes[j] as number;
          if (c === QUOTE) break;
          if (c === BACKSLASH) {
            kind = Token.escaped;
            j += 2;
          } else j += 1;
        }
        this.set(field, kind, i + 1, j);
        valueEnd = j + 1;
      } else if (b === 0x7b || b === 0x5b) {
        valueEnd = skipNested(bytes, i, end);
        if (valueEnd < 0) return false;
        this.set(field, b === 0x7b ? Token.object : Token.array, i, valueEnd);
      } else if (b === 0x74 || b === 0x66 || b === 0x6e) {
        const word = b === 0x74 ? 'true' : b === 0x66 ? 'false' : 'null';
        for (let k = 1; k < word.length; k++) if (bytes[i + k] !== word.charCodeAt(k)) return false;
        valueEnd = i + word.length;
        this.set(field, b === 0x74 ? Token.true : b === 0x66 ? Token.false : Token.null, i, valueEnd);
      } else {
        let j = i;
        for (; j < end; j++) {
          const c = bytes[j] as number;
          // Digits, '.', 'e', 'E', '+', '-': anything JSON.stringify writes for a finite number.
          if (!((c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d)) break;
        }
        if (j === i) return false;
        valueEnd = j;
        this.set(field, Token.number, i, valueEnd);
      }
      if (valueEnd === end - 1) return true;
      if (bytes[valueEnd] !== COMMA) return false;
      i = valueEnd + 1;
    }
  }

  private set(field: number, kind: number, start: number, end: number): void {
    this.kinds[field] = kind;
    this.starts[field] = start;
    this.ends[field] = end;
  }

  // The position of the key `bytes[start, end)` in `names`, or -1.
  private field(bytes: Uint8Array, start: number, end: number): number {
    const field = this.byHash.get(hashBytes(bytes, start, end));
    return field !== undefined && this.isKey(field, bytes, start, end) ? field : -1;
  }

  // Whether `bytes[start, end)` is the key `names[field]`.
  private isKey(field: number, bytes: Uint8Array, start: number, end: number): boolean {
    const name = this.names[field] as Uint8Array;
    if (name.length !== end - start) return false;
    for (let k = 0; k < name.length; k++) if (name[k] !== bytes[start + k]) return false;
    return true;
  }
}

/** How many invoice ids {@link scanIds} reads at most. */
export const MAX_IDS = 4;

/**
 * Reads an array of invoice ids as `JSON.stringify` writes `InvoiceId`s — `{"kind":"digital","number":…}` or
 * `{"kind":"legacy","code":…,"number":…}`, nothing else, at most {@link MAX_IDS} — from `bytes[start, end)`, the
 * array (`ids`, with brackets) or, with `single`, one id object (`redOf`). Per id, `out` gets five numbers: its kind
 * (1 digital, 2 legacy), where its code starts and ends (legacy), and where its number starts and ends. Answers how
 * many ids it read, or -1 for any other text (a code or number with an escape or a `-`, an extra field, another
 * order), which the caller then parses the ordinary way.
 */
export function scanIds(bytes: Uint8Array, start: number, end: number, out: Int32Array, single = false): number {
  let i = start;
  if (!single && bytes[i++] !== 0x5b) return -1;
  let count = 0;
  for (;;) {
    if (count === MAX_IDS) return -1;
    const at = count * 5;
    if (matches(bytes, i, DIGITAL)) {
      const to = stringEnd(bytes, i + DIGITAL.length, end);
      if (to < 0) return -1;
      out[at] = 1;
      out[at + 1] = 0;
      out[at + 2] = 0;
      out[at + 3] = i + DIGITAL.length;
      out[at + 4] = to;
      i = to + 1;
    } else if (matches(bytes, i, LEGACY)) {
      const codeEnd = stringEnd(bytes, i + LEGACY.length, end);
      if (codeEnd < 0 || !matches(bytes, codeEnd, LEGACY_NUMBER)) return -1;
      const to = stringEnd(bytes, codeEnd + LEGACY_NUMBER.length, end);
      if (to < 0) return -1;
      out[at] = 2;
      out[at + 1] = i + LEGACY.length;
      out[at + 2] = codeEnd;
      out[at + 3] = codeEnd + LEGACY_NUMBER.length;
      out[at + 4] = to;
      i = to + 1;
    } else return -1;
    if (bytes[i++] !== 0x7d) return -1;
    count += 1;
    if (single) return i === end ? count : -1;
    if (bytes[i] === COMMA) i += 1;
    else return bytes[i] === 0x5d && i + 1 === end ? count : -1;
  }
}

const ascii = (text: string) => new TextEncoder().encode(text);
const DIGITAL = ascii('{"kind":"digital","number":"');
const LEGACY = ascii('{"kind":"legacy","code":"');
const LEGACY_NUMBER = ascii('","number":"');

function matches(bytes: Uint8Array, at: number, expected: Uint8Array): boolean {
  for (let k = 0; k < expected.length; k++) if (bytes[at + k] !== expected[k]) return false;
  return true;
}

// Where the string content starting at `bytes[from]` ends (its closing quote), or -1 when it holds an escape or a
// '-' (which would make a legacy key ambiguous) or does not end before `end`.
function stringEnd(bytes: Uint8Array, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = bytes[i];
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c === 0x2d) return -1;
  }
  return -1;
}

// Where the array or object opening at `bytes[start]` ends (one past its closing bracket), or -1.
function skipNested(bytes: Uint8Array, start: number, end: number): number {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      for (i += 1; i < end && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i += 1;
    } else if (c === 0x7b || c === 0x5b) depth += 1;
    else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

// FNV-1a over bytes (keys are a few ASCII characters).
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}
