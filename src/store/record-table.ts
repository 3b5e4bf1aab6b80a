import { type InvoiceId, invoiceKey, keyToId } from '../domain/identifier.js';
import type { LedgerRecord, TaxRecord } from '../domain/invoice.js';
import { type IndexImage, imageCount, imagePart } from './index-image.js';
import { JsonLineScanner, MAX_IDS, scanIds, Token } from './json-line-scan.js';
import { grow, type StringTable } from './string-table.js';

/** A stored field's encoding: a repeated string (interned), a mostly distinct one, a number, a flag, or JSON. */
type Kind = 'str' | 'text' | 'num' | 'bool' | 'id' | 'json';
type Field = { name: string; kind: Kind; optional?: boolean };

// Each source's fields as `name:kind`, `?` marking an optional one.
const SHARED =
  'type:str issuedAt:text sellerTaxId:str sellerName:str buyerTaxId:str buyerName:str amount:num tax:num total:num note:str history:json';
const FIELDS: Record<'ledger' | 'tax', Field[]> = {
  ledger: schema(`${SHARED} erpStatus:str uploadedAt?:text requester?:str`),
  tax: schema(`${SHARED} status:str statusLabel:str origin:str positive:bool risk:str issuer:str redOf?:id`),
};

function schema(spec: string): Field[] {
  return spec.split(' ').map((entry) => {
    const [name = '', kind = ''] = entry.split(':');
    const optional = name.endsWith('?');
    return { name: optional ? name.slice(0, -1) : name, kind: kind as Kind, ...(optional ? { optional } : {}) };
  });
}

// Each field's column, by name (its place in FIELDS), for the readers that name their fields.
function columnsOf(source: 'ledger' | 'tax'): Record<string, number> {
  return Object.fromEntries(FIELDS[source].map((f, i) => [f.name, i]));
}
const LEDGER = columnsOf('ledger') as Record<
  'type' | 'issuedAt' | 'sellerTaxId' | 'sellerName' | 'buyerTaxId' | 'buyerName' | 'amount' | 'tax' | 'total',
  number
> &
  Record<'note' | 'history' | 'erpStatus' | 'uploadedAt' | 'requester', number>;
const TAX = columnsOf('tax') as Record<
  'type' | 'issuedAt' | 'sellerTaxId' | 'sellerName' | 'buyerTaxId' | 'buyerName' | 'amount' | 'tax' | 'total',
  number
> &
  Record<'note' | 'history' | 'status' | 'statusLabel' | 'origin' | 'positive' | 'risk' | 'issuer' | 'redOf', number>;

// The longest field value (in bytes) `internRepeated` keeps a copy of.
const LAST_BYTES = 96;

/** Marks an absent optional field in an int column. */
export const NONE = -1;
// The empty history, which nearly every record has, costs no string.
const EMPTY_LIST = -2;
// Up to this many ids per record get their own columns; an invoice has one, or two for a paper 数电 invoice.
const ID_COLUMNS = 2;

// With the u flag a surrogate pair is one code point, so these match unpaired halves only.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// Without the u flag: any surrogate at all, the cheap first test (most text has none).
const HAS_SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE_ALL = /[\uD800-\uDFFF]/gu;

type Row = LedgerRecord | TaxRecord;
type Column = Int32Array | Float64Array | Uint8Array;

/**
 * The records of one source as columns: one typed array per field, strings as ids into a shared {@link StringTable},
 * identifiers as ids into the key table. A record becomes an object again only when a lookup returns it.
 * Records of an unexpected shape (an extra field, a third id, a string UTF-8 cannot carry) are kept whole as JSON
 * beside their columns, so what was stored is exactly what comes back.
 */
export class RecordTable {
  private readonly fields: Field[];
  private readonly columns = new Map<string, Column>();
  // The same columns in field order, for the loops that visit every field of a record.
  private ordered: Column[] = [];
  private ids: Int32Array[] = [];
  private pkColumn = new Int32Array(1024);
  private dayColumn = new Int32Array(1024);
  private whole = new Int32Array(1024);
  private rows = 0;
  // Reading records from their JSON lines (`scan`, `writeScanned`): the keys a record has, where the issue time is,
  // and what the last scanned line holds beyond the scanner's offsets — where its ids lie, its numbers, and its
  // strings that had to be decoded (escaped text, a history); reused from line to line.
  private readonly scanner: JsonLineScanner;
  private readonly issuedAtField: number;
  private readonly sellerTaxIdField: number;
  private readonly buyerTaxIdField: number;
  private readonly redOfField: number;
  private readonly nums: Float64Array;
  // Per field (and, last, the issue day): a copy of the bytes it had in the last record and their string id, or a
  // length of -1. Consecutive records mostly share their type, statuses, seller and day: one comparison of a few
  // bytes instead of hashing and looking the string up.
  private readonly lastBytes: Uint8Array;
  private readonly lastLength: Int32Array;
  private readonly lastId: Int32Array;
  private readonly texts: Array<string | undefined>;
  private readonly idSpans = new Int32Array(5 * MAX_IDS);
  private readonly redOfSpan = new Int32Array(5);
  private idCount = 0;
  // A storage key put together from its id's bytes ('D' + number, or 'L' + code + '-' + number).
  private keyBytes = Buffer.allocUnsafe(64);

  constructor(
    readonly source: 'ledger' | 'tax',
    private readonly strings: StringTable,
    private readonly keys: StringTable,
  ) {
    this.fields = FIELDS[source];
    for (const f of this.fields) this.columns.set(f.name, f.kind === 'num' ? new Float64Array(1024) : newInt(f.kind));
    this.ordered = [...this.columns.values()];
    this.ids = Array.from({ length: ID_COLUMNS }, () => new Int32Array(1024));
    this.scanner = new JsonLineScanner(['source', 'ids', ...this.fields.map((f) => f.name)]);
    this.issuedAtField = this.fields.findIndex((f) => f.name === 'issuedAt');
    this.sellerTaxIdField = this.fields.findIndex((f) => f.name === 'sellerTaxId');
    this.buyerTaxIdField = this.fields.findIndex((f) => f.name === 'buyerTaxId');
    this.redOfField = this.fields.findIndex((f) => f.name === 'redOf');
    this.nums = new Float64Array(this.fields.length);
    this.lastBytes = new Uint8Array(LAST_BYTES * (this.fields.length + 1));
    this.lastLength = new Int32Array(this.fields.length + 1).fill(-1);
    this.lastId = new Int32Array(this.fields.length + 1);
    this.texts = this.fields.map(() => undefined);
  }

  /** How many rows the table holds. */
  get size(): number {
    return this.rows;
  }

  /**
   * Stores `record` in row `row` (a new row when -1), with `pk` its primary key id and `idKeys` its ids' key ids
   * when the caller interned them already; returns the row.
   */
  write(row: number, pk: number, record: Row, idKeys?: readonly number[]): number {
    const at = row === NONE ? this.newRow() : row;
    this.pkColumn[at] = pk;
    this.dayColumn[at] = this.strings.intern(String(record.issuedAt).slice(0, 10));
    const r = record as unknown as Record<string, unknown>;
    const keyCount = Object.keys(r).length;
    let exact = r.source === this.source && keyCount <= this.fields.length + 2;
    let present = 2;
    for (let c = 0; c < this.fields.length; c++) {
      const f = this.fields[c] as Field;
      const value = r[f.name];
      if (value !== undefined) present += 1;
      const column = this.ordered[c] as Column;
      if (f.kind === 'num') {
        (column as Float64Array)[at] = typeof value === 'number' ? value : Number.NaN;
        exact &&= typeof value === 'number';
      } else if (f.kind === 'bool') {
        column[at] = value === true ? 1 : value === false ? 0 : 2;
        exact &&= typeof value === 'boolean';
      } else if (value === undefined && f.optional) {
        column[at] = NONE;
        exact &&= !(f.name in r);
      } else if (f.kind === 'json') {
        const empty = Array.isArray(value) && value.length === 0;
        column[at] = empty ? EMPTY_LIST : this.strings.add(JSON.stringify(value ?? null));
        exact &&= value !== undefined;
      } else if (f.kind === 'id') {
        const id = value as InvoiceId;
        column[at] = this.keys.intern(invoiceKey(id));
        exact &&= isPlainId(id);
      } else {
        const text = typeof value === 'string' ? value : String(value ?? '');
        const wellFormed = !HAS_SURROGATE.test(text) || !LONE_SURROGATE.test(text);
        exact &&= typeof value === 'string' && wellFormed;
        // A lone surrogate cannot be UTF-8: the column gets a replacement character, the whole record keeps it.
        const safe = wellFormed ? text : text.replace(LONE_SURROGATE_ALL, '\uFFFD');
        column[at] = f.kind === 'str' ? this.strings.intern(safe) : this.strings.add(safe);
      }
    }
    const ids = (Array.isArray(r.ids) ? r.ids : []) as InvoiceId[];
    exact &&= ids.length >= 1 && ids.length <= ID_COLUMNS && present === keyCount;
    for (let i = 0; i < ID_COLUMNS; i++) {
      const id = ids[i];
      (this.ids[i] as Int32Array)[at] = id === undefined ? NONE : (idKeys?.[i] ?? this.keys.intern(invoiceKey(id)));
      exact &&= id === undefined || isPlainId(id);
    }
    this.whole[at] = exact ? NONE : this.strings.add(JSON.stringify(record));
    return at;
  }

  /**
   * Reads a record's JSON line `bytes[start, end)` (without its line break) for {@link writeScanned}, without
   * parsing it into an object: true when the record has exactly the shape the columns hold (one `write` would store
   * without keeping it whole) and its ids are plain, false for anything else (then parse it and `write` it). Only a
   * non-empty history and strings with escapes become JS values. Until the next scan, the `scanned…` methods answer
   * about this line.
   */
  scan(bytes: Buffer, start: number, end: number): boolean {
    const { kinds, starts, ends } = this.scanner;
    if (!this.scanner.scan(bytes, start, end)) return false;
    if (kinds[0] !== Token.string || !isAscii(bytes, starts[0] as number, ends[0] as number, this.source)) return false;
    if (kinds[1] !== Token.array) return false;
    this.idCount = scanIds(bytes, starts[1] as number, ends[1] as number, this.idSpans);
    if (this.idCount < 1 || this.idCount > ID_COLUMNS) return false;
    for (let c = 0; c < this.fields.length; c++) {
      const f = this.fields[c] as Field;
      const kind = kinds[c + 2] as number;
      const from = starts[c + 2] as number;
      const to = ends[c + 2] as number;
      this.texts[c] = undefined;
      if (f.kind === 'num') {
        if (kind !== Token.number) return false;
        const n = numberAt(bytes, from, to);
        // Text JSON.parse would refuse (`1-2`): the ordinary parse says so.
        if (Number.isNaN(n)) return false;
        this.nums[c] = n;
      } else if (f.kind === 'bool') {
        if (kind !== Token.true && kind !== Token.false) return false;
      } else if (kind === Token.absent) {
        if (!f.optional) return false;
      } else if (f.kind === 'json') {
        // A list or an object only: a string's span has no quotes, so its text would be read as the JSON it spells.
        if (kind !== Token.array && kind !== Token.object) return false;
        // The empty history, nearly every record's, costs nothing; another is kept as `write` keeps it.
        if (to - from !== 2 || bytes[from] !== 0x5b || bytes[from + 1] !== 0x5d)
          this.texts[c] = JSON.stringify(JSON.parse(bytes.toString('utf8', from, to)));
      } else if (f.kind === 'id') {
        if (kind !== Token.object || scanIds(bytes, from, to, this.redOfSpan, true) !== 1) return false;
      } else if (kind === Token.escaped) {
        // With its quotes: a JSON string text.
        const text = JSON.parse(bytes.toString('utf8', from - 1, to + 1)) as string;
        if (LONE_SURROGATE.test(text)) return false;
        this.texts[c] = text;
      } else if (kind !== Token.string) return false;
    }
    return true;
  }

  /** How many ids the line {@link scan} accepted last has. */
  get scannedIds(): number {
    return this.idCount;
  }

  /** Which of the scanned line's ids is its primary key: its first 数电 number, else its first id. */
  scannedPrimary(): number {
    for (let i = 0; i < this.idCount; i++) if (this.idSpans[5 * i] === 1) return i;
    return 0;
  }

  /** The key id of the scanned line's id `i` (interned in the key table). */
  scannedKey(bytes: Buffer, i: number): number {
    return this.internKey(bytes, this.idSpans, 5 * i);
  }

  /** The 8-digit tail of the scanned line's id `i` as a number (a 数电 number's last 8), or NONE. */
  scannedTail(bytes: Buffer, i: number): number {
    const at = 5 * i;
    const to = this.idSpans[at + 4] as number;
    const from = this.idSpans[at + 3] as number;
    // A legacy number is its own tail; a 数电 number's last eight characters (bytes, when they are digits).
    if (this.idSpans[at] === 2 ? to - from !== 8 : to - from < 8) return NONE;
    let n = 0;
    for (let k = to - 8; k < to; k++) {
      const digit = (bytes[k] as number) - 0x30;
      if (digit < 0 || digit > 9) return NONE;
      n = n * 10 + digit;
    }
    // Eight ASCII digits as the last eight bytes are the last eight characters too.
    return n;
  }

  /** The key id of the scanned line's red-letter link (interned), or NONE when it has none. */
  scannedRedKey(bytes: Buffer): number {
    if (this.redOfField < 0 || this.scanner.kinds[this.redOfField + 2] === Token.absent) return NONE;
    return this.internKey(bytes, this.redOfSpan, 0);
  }

  /** Whether the scanned line names a seller's (or buyer's) tax id: a non-empty string, as `record[name]` is truthy. */
  scannedHas(name: 'sellerTaxId' | 'buyerTaxId'): boolean {
    const c = (name === 'sellerTaxId' ? this.sellerTaxIdField : this.buyerTaxIdField) + 2;
    const kind = this.scanner.kinds[c];
    return kind === Token.escaped || (kind === Token.string && this.scanner.ends[c] !== this.scanner.starts[c]);
  }

  // invoiceKey of the id whose spans start at `spans[at]`, made from its bytes and interned.
  private internKey(bytes: Buffer, spans: Int32Array, at: number): number {
    const codeFrom = spans[at + 1] as number;
    const codeTo = spans[at + 2] as number;
    const from = spans[at + 3] as number;
    const to = spans[at + 4] as number;
    const legacy = spans[at] === 2;
    const length = 1 + (legacy ? codeTo - codeFrom + 1 : 0) + to - from;
    if (length > this.keyBytes.length) this.keyBytes = Buffer.allocUnsafe(2 * length);
    const key = this.keyBytes;
    let k = 0;
    key[k++] = legacy ? 0x4c : 0x44;
    if (legacy) {
      for (let i = codeFrom; i < codeTo; i++) key[k++] = bytes[i] as number;
      key[k++] = 0x2d;
    }
    for (let i = from; i < to; i++) key[k++] = bytes[i] as number;
    return this.keys.internBytes(key, 0, k);
  }

  /**
   * {@link write} for the record of the line {@link scan} accepted last (`bytes` are the same bytes), given its ids'
   * key ids and its red-letter link's (NONE): its strings go into the string table from their UTF-8 as they are.
   * Returns the row.
   */
  writeScanned(row: number, pk: number, bytes: Buffer, idKeys: readonly number[], redKey: number): number {
    const at = row === NONE ? this.newRow() : row;
    const { kinds, starts, ends } = this.scanner;
    this.pkColumn[at] = pk;
    this.dayColumn[at] = this.scannedDay(bytes);
    for (let c = 0; c < this.fields.length; c++) {
      const f = this.fields[c] as Field;
      const column = this.ordered[c] as Column;
      const kind = kinds[c + 2] as number;
      const text = this.texts[c];
      if (f.kind === 'num') column[at] = this.nums[c] as number;
      else if (f.kind === 'bool') column[at] = kind === Token.true ? 1 : 0;
      else if (kind === Token.absent) column[at] = NONE;
      else if (f.kind === 'json') column[at] = text === undefined ? EMPTY_LIST : this.strings.add(text);
      else if (f.kind === 'id') column[at] = redKey;
      else if (text !== undefined) column[at] = f.kind === 'str' ? this.strings.intern(text) : this.strings.add(text);
      else {
        const from = starts[c + 2] as number;
        const to = ends[c + 2] as number;
        column[at] =
          f.kind === 'str' ? this.internRepeated(c, bytes, from, to) : this.strings.addBytes(bytes, from, to);
      }
    }
    for (let i = 0; i < ID_COLUMNS; i++) (this.ids[i] as Int32Array)[at] = idKeys[i] ?? NONE;
    this.whole[at] = NONE;
    return at;
  }

  // `strings.internBytes`, answered from the last record's value of the same field (`slot`) when the bytes are equal.
  private internRepeated(slot: number, bytes: Buffer, from: number, to: number): number {
    const length = to - from;
    const last = this.lastBytes;
    const at = slot * LAST_BYTES;
    if (this.lastLength[slot] === length) {
      let k = 0;
      while (k < length && last[at + k] === bytes[from + k]) k++;
      if (k === length) return this.lastId[slot] as number;
    }
    const id = this.strings.internBytes(bytes, from, to);
    if (length <= LAST_BYTES) {
      for (let k = 0; k < length; k++) last[at + k] = bytes[from + k] as number;
      this.lastLength[slot] = length;
      this.lastId[slot] = id;
    } else this.lastLength[slot] = -1;
    return id;
  }

  // The issue day (the issue time's first ten characters) of the last scanned line, interned.
  private scannedDay(bytes: Buffer): number {
    const c = this.issuedAtField;
    const from = this.scanner.starts[c + 2] as number;
    const to = Math.min(this.scanner.ends[c + 2] as number, from + 10);
    let ascii = this.texts[c] === undefined;
    for (let i = from; ascii && i < to; i++) ascii = (bytes[i] as number) < 0x80;
    if (ascii) return this.internRepeated(this.fields.length, bytes, from, to);
    const text = this.texts[c] ?? bytes.toString('utf8', from, this.scanner.ends[c + 2] as number);
    return this.strings.intern(text.slice(0, 10));
  }

  /** The record in `row`, as the object that was stored. */
  read(row: number): Row {
    const whole = this.whole[row] as number;
    if (whole !== NONE) return JSON.parse(this.strings.get(whole)) as Row;
    return this.source === 'ledger' ? this.readLedger(row) : this.readTax(row);
  }

  // A ledger record as `readFields` builds it, written out field by field: one object literal (one hidden class)
  // instead of a property added by computed name per field, which was most of a lookup's store time. A row kept in
  // columns has every non-optional field (`write` keeps any other record whole), so only the optional ones are tested.
  private readLedger(row: number): LedgerRecord {
    const out: Record<string, unknown> = {
      source: 'ledger',
      ids: this.idList(row),
      type: this.repeated(LEDGER.type, row),
      issuedAt: this.distinct(LEDGER.issuedAt, row),
      sellerTaxId: this.repeated(LEDGER.sellerTaxId, row),
      sellerName: this.repeated(LEDGER.sellerName, row),
      buyerTaxId: this.repeated(LEDGER.buyerTaxId, row),
      buyerName: this.repeated(LEDGER.buyerName, row),
      amount: this.number(LEDGER.amount, row),
      tax: this.number(LEDGER.tax, row),
      total: this.number(LEDGER.total, row),
      note: this.repeated(LEDGER.note, row),
      history: this.list(LEDGER.history, row),
      erpStatus: this.repeated(LEDGER.erpStatus, row),
    };
    const uploadedAt = this.cell(LEDGER.uploadedAt, row);
    if (uploadedAt !== NONE) out.uploadedAt = this.strings.get(uploadedAt);
    const requester = this.cell(LEDGER.requester, row);
    if (requester !== NONE) out.requester = this.strings.getRepeated(requester);
    return out as LedgerRecord;
  }

  // A tax record, as `readLedger` (see there).
  private readTax(row: number): TaxRecord {
    const out: Record<string, unknown> = {
      source: 'tax',
      ids: this.idList(row),
      type: this.repeated(TAX.type, row),
      issuedAt: this.distinct(TAX.issuedAt, row),
      sellerTaxId: this.repeated(TAX.sellerTaxId, row),
      sellerName: this.repeated(TAX.sellerName, row),
      buyerTaxId: this.repeated(TAX.buyerTaxId, row),
      buyerName: this.repeated(TAX.buyerName, row),
      amount: this.number(TAX.amount, row),
      tax: this.number(TAX.tax, row),
      total: this.number(TAX.total, row),
      note: this.repeated(TAX.note, row),
      history: this.list(TAX.history, row),
      status: this.repeated(TAX.status, row),
      statusLabel: this.repeated(TAX.statusLabel, row),
      origin: this.repeated(TAX.origin, row),
      positive: this.cell(TAX.positive, row) === 1,
      risk: this.repeated(TAX.risk, row),
      issuer: this.repeated(TAX.issuer, row),
    };
    const redOf = this.cell(TAX.redOf, row);
    if (redOf !== NONE) out.redOf = keyToId(this.keys.get(redOf));
    return out as TaxRecord;
  }

  private cell(column: number, row: number): number {
    return (this.ordered[column] as Column)[row] as number;
  }

  private number(column: number, row: number): number {
    return (this.ordered[column] as Float64Array)[row] as number;
  }

  // An interned (`str`) field: its strings repeat across records, so the decoded ones are kept at hand.
  private repeated(column: number, row: number): string {
    return this.strings.getRepeated(this.cell(column, row));
  }

  // A `text` field: mostly distinct strings.
  private distinct(column: number, row: number): string {
    return this.strings.get(this.cell(column, row));
  }

  private list(column: number, row: number): unknown {
    const v = this.cell(column, row);
    return v === EMPTY_LIST ? [] : JSON.parse(this.strings.get(v));
  }

  private idList(row: number): InvoiceId[] {
    const out: InvoiceId[] = [];
    for (const column of this.ids) {
      const key = column[row] as number;
      if (key !== NONE) out.push(keyToId(this.keys.get(key)));
    }
    return out;
  }

  /** The record in `row` read field by field from the field list (the form the specialised readers write out). */
  readFields(row: number): Row {
    const out: Record<string, unknown> = { source: this.source, ids: this.idsOf(row).map((k) => keyToId(k)) };
    for (let c = 0; c < this.fields.length; c++) {
      const f = this.fields[c] as Field;
      const v = (this.ordered[c] as Column)[row] as number;
      if (f.kind === 'num') out[f.name] = v;
      else if (f.kind === 'bool') out[f.name] = v === 1;
      else if (v === NONE) continue;
      else if (f.kind === 'json') out[f.name] = v === EMPTY_LIST ? [] : JSON.parse(this.strings.get(v));
      else if (f.kind === 'id') out[f.name] = keyToId(this.keys.get(v));
      else out[f.name] = this.strings.get(v);
    }
    return out as Row;
  }

  /** The next new row, counted from now on (a staged record's row is copied into it, see `InvoiceIndex.putStaged`). */
  claimRow(): number {
    return this.newRow();
  }

  /** Copies every column of row `from` into row `to`. */
  copyRow(from: number, to: number): void {
    this.pkColumn[to] = this.pkColumn[from] as number;
    this.dayColumn[to] = this.dayColumn[from] as number;
    this.whole[to] = this.whole[from] as number;
    for (const column of this.ids) column[to] = column[from] as number;
    for (const column of this.ordered) column[to] = column[from] as number;
  }

  /** The key id of the record's id number `i` (0 or 1), or NONE. */
  idKey(row: number, i: number): number {
    return (this.ids[i] as Int32Array)[row] as number;
  }

  /** The primary key id of `row`. */
  pk(row: number): number {
    return this.pkColumn[row] as number;
  }

  /** The id of the record's issue day (`YYYY-MM-DD`) in the shared string table. */
  day(row: number): number {
    return this.dayColumn[row] as number;
  }

  /** The key strings of the record's ids, in order. */
  idsOf(row: number): string[] {
    const out: string[] = [];
    for (const column of this.ids) {
      const key = column[row] as number;
      if (key !== NONE) out.push(this.keys.get(key));
    }
    return out;
  }

  /** True when one of the record's first ids has key id `key`. */
  hasId(row: number, key: number): boolean {
    return this.ids.some((column) => column[row] === key);
  }

  /** A string field's id in the shared string table (NONE when absent). */
  stringId(row: number, field: string): number {
    return (this.columns.get(field) as Int32Array)[row] as number;
  }

  /** A string field's value (undefined when absent). */
  text(row: number, field: string): string | undefined {
    const id = this.stringId(row, field);
    return id === NONE ? undefined : this.strings.get(id);
  }

  /** A number field's value. */
  num(row: number, field: string): number {
    return (this.columns.get(field) as Float64Array)[row] as number;
  }

  /** Adds the table's columns (their used rows) to an index image under `prefix`. */
  saveTo(image: IndexImage, prefix: string): void {
    image.set(`${prefix}.rows`, this.rows);
    image.set(`${prefix}.pk`, this.pkColumn.subarray(0, this.rows));
    image.set(`${prefix}.day`, this.dayColumn.subarray(0, this.rows));
    image.set(`${prefix}.whole`, this.whole.subarray(0, this.rows));
    for (const [i, column] of this.ids.entries()) image.set(`${prefix}.id${i}`, column.subarray(0, this.rows));
    for (const [name, column] of this.columns) image.set(`${prefix}.${name}`, column.subarray(0, this.rows));
  }

  /** Replaces the table's rows with what {@link saveTo} put in `image`. */
  loadFrom(image: IndexImage, prefix: string): void {
    this.rows = imageCount(image, `${prefix}.rows`);
    this.pkColumn = imagePart(image, `${prefix}.pk`, Int32Array);
    this.dayColumn = imagePart(image, `${prefix}.day`, Int32Array);
    this.whole = imagePart(image, `${prefix}.whole`, Int32Array);
    this.ids = this.ids.map((_, i) => imagePart(image, `${prefix}.id${i}`, Int32Array));
    for (const f of this.fields) {
      const type = f.kind === 'num' ? Float64Array : f.kind === 'bool' ? Uint8Array : Int32Array;
      this.columns.set(f.name, imagePart<Column>(image, `${prefix}.${f.name}`, type));
    }
    this.ordered = [...this.columns.values()];
    const lengths = [this.pkColumn, this.dayColumn, this.whole, ...this.ids, ...this.columns.values()].map(
      (c) => c.length,
    );
    if (lengths.some((n) => n !== this.rows))
      throw new Error(`index image table ${prefix} has columns of different lengths`);
  }

  /** The steps that make room for `rows` more rows, one column each (see `StringTable.reserveSteps`). */
  reserveSteps(rows: number): Array<() => void> {
    const min = this.rows + rows;
    if (min <= this.pkColumn.length) return [];
    const steps: Array<() => void> = [() => this.growTo(min, 'others')];
    for (const name of this.columns.keys()) {
      steps.push(() => {
        this.columns.set(name, grow(this.columns.get(name) as Column, min));
        this.ordered = [...this.columns.values()];
      });
    }
    // The primary key column last: its length is what `newRow` checks.
    steps.push(() => {
      this.pkColumn = grow(this.pkColumn, min);
    });
    return steps;
  }

  // Grows every column (`all`), or the few that are not fields (`others`), to at least `min` rows.
  private growTo(min: number, which: 'all' | 'others' = 'all'): void {
    this.dayColumn = grow(this.dayColumn, min);
    this.whole = grow(this.whole, min);
    this.ids = this.ids.map((c) => grow(c, min));
    if (which === 'others') return;
    for (const [name, column] of this.columns) this.columns.set(name, grow(column, min));
    this.ordered = [...this.columns.values()];
    this.pkColumn = grow(this.pkColumn, min);
  }

  private newRow(): number {
    if (this.rows === this.pkColumn.length) this.growTo(this.rows * 2);
    this.rows += 1;
    return this.rows - 1;
  }
}

// Whether `bytes[start, end)` is the ASCII text `text`.
function isAscii(bytes: Buffer, start: number, end: number, text: string): boolean {
  if (end - start !== text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[start + i] !== text.charCodeAt(i)) return false;
  return true;
}

// A JSON number's value from its text `bytes[start, end)`: integers of up to 15 digits (every amount in fen) without
// making a string, anything else through Number (NaN for text JSON would refuse).
function numberAt(bytes: Buffer, start: number, end: number): number {
  const negative = bytes[start] === 0x2d;
  const from = negative ? start + 1 : start;
  if (end - from < 1 || end - from > 15) return Number(bytes.toString('latin1', start, end));
  let n = 0;
  for (let i = from; i < end; i++) {
    const digit = (bytes[i] as number) - 0x30;
    if (digit < 0 || digit > 9) return Number(bytes.toString('latin1', start, end));
    n = n * 10 + digit;
  }
  return negative ? -n : n;
}

// An id exactly as `keyToId` rebuilds it: nothing more, nothing of another type.
function isPlainId(id: InvoiceId): boolean {
  if (typeof id !== 'object' || id === null || typeof id.number !== 'string') return false;
  const fields = Object.keys(id).length;
  if (id.kind === 'digital') return fields === 2;
  // keyToId splits a legacy key at its '-'.
  return id.kind === 'legacy' && fields === 3 && typeof id.code === 'string' && !`${id.code}${id.number}`.includes('-');
}

function newInt(kind: Kind): Int32Array | Uint8Array {
  return kind === 'bool' ? new Uint8Array(1024) : new Int32Array(1024);
}
