import { type InvoiceId, invoiceKey, keyToId } from '../domain/identifier.js';
import type { InvoiceFacts, InvoicePair, LedgerRecord, TaxRecord } from '../domain/invoice.js';
import type { FindQuery, FindResult } from '../ports.js';
import { type IndexImage, imagePart } from './index-image.js';
import { IntMultiMap } from './int-multi-map.js';
import { NONE, RecordTable } from './record-table.js';
import { grow, StringTable } from './string-table.js';

/** The primary key of a record: its 数电 number when it has one, else its legacy pair. */
export function primaryKey(facts: Pick<InvoiceFacts, 'ids'>): string {
  const digital = facts.ids.find((id) => id.kind === 'digital');
  return invoiceKey(digital ?? (facts.ids[0] as InvoiceId));
}

// The facts an index entry is made from, as ids and numbers, so two versions of a record compare without decoding.
type Facts = {
  total: number;
  day: number;
  sellerTaxId: number;
  buyerTaxId: number;
  sellerName: number;
  buyerName: number;
  requester: number;
};

const EIGHT_DIGITS = /^\d{8}$/;

// A record's ids as the index knows them: its primary key's id, every id's key id and 8-digit tail (NONE: none) in
// order, its red-letter link's key id (NONE), and whether it names a seller's and a buyer's tax id.
type Keyed = {
  pk: number;
  idKeys: number[];
  tails: number[];
  redKey: number;
  sellerTaxId: boolean;
  buyerTaxId: boolean;
};

/**
 * In-memory indexes over both record sources: every identifier, the 8-digit tail, red-letter links, and the facts
 * `find` searches by. Shared by the lowdb and in-memory stores.
 *
 * Nothing here is an object per record: records live in columns ({@link RecordTable}), strings in one
 * {@link StringTable}, identifiers in another, and every index maps numbers to numbers in typed arrays
 * ({@link IntMultiMap}). An invoice is known inside by the id of its primary key; `pk` below is always that id.
 */
export class InvoiceIndex {
  // Names, tax ids, statuses and days repeat: the string table keeps the recent ones at hand. Invoice keys do not.
  private readonly strings = new StringTable(65_536);
  private readonly keys = new StringTable();
  private readonly ledger = new RecordTable('ledger', this.strings, this.keys);
  private readonly tax = new RecordTable('tax', this.strings, this.keys);
  // Per key id: the primary key it names (NONE: itself), and the row of each source's record under that primary key.
  private aliasOf = new Int32Array(1024).fill(NONE);
  private ledgerRow = new Int32Array(1024).fill(NONE);
  private taxRow = new Int32Array(1024).fill(NONE);
  private readonly number8 = new IntMultiMap();
  private readonly reversals = new IntMultiMap();
  private readonly byTotal = new IntMultiMap();
  private readonly byDay = new IntMultiMap();
  private readonly byName = new IntMultiMap();
  private readonly byRequester = new IntMultiMap();
  private readonly byTaxId = new IntMultiMap();
  // Character unigrams and bigrams (lower-cased) of every distinct name → the ids of the names containing them, so a
  // fragment is looked up in the shortest posting list instead of testing every name. Its size follows the number
  // of distinct names (hundreds to thousands), not of records.
  private readonly grams = new Map<string, Set<number>>();
  // Day ids newest first, and each visited day's invoices newest first; rebuilt only after a put touched them.
  private sortedDays: number[] | undefined;
  private readonly dayOrder = new Map<number, number[]>();

  /** `directUpTo`: candidate sets up to this size are filtered and sorted directly (tests make it small). */
  constructor(private readonly directUpTo = 20_000) {}

  /**
   * The whole index as named typed arrays and counts: what an index image file holds. The arrays are the index's own
   * (their used part), not copies, so the image must be written before the next `put`.
   */
  image(): IndexImage {
    const image: IndexImage = new Map();
    this.strings.saveTo(image, 'strings');
    this.keys.saveTo(image, 'keys');
    this.ledger.saveTo(image, 'ledger');
    this.tax.saveTo(image, 'tax');
    const keys = this.keys.size;
    image.set('aliasOf', this.aliasOf.subarray(0, keys));
    image.set('ledgerRow', this.ledgerRow.subarray(0, keys));
    image.set('taxRow', this.taxRow.subarray(0, keys));
    for (const [name, map] of this.maps()) map.saveTo(image, name);
    return image;
  }

  /** An index with the content of an {@link image}; throws when a part is missing or does not fit. */
  static fromImage(image: IndexImage, directUpTo?: number): InvoiceIndex {
    const index = new InvoiceIndex(directUpTo);
    index.strings.loadFrom(image, 'strings');
    index.keys.loadFrom(image, 'keys');
    index.ledger.loadFrom(image, 'ledger');
    index.tax.loadFrom(image, 'tax');
    index.aliasOf = imagePart(image, 'aliasOf', Int32Array);
    index.ledgerRow = imagePart(image, 'ledgerRow', Int32Array);
    index.taxRow = imagePart(image, 'taxRow', Int32Array);
    if ([index.aliasOf, index.ledgerRow, index.taxRow].some((a) => a.length !== index.keys.size))
      throw new Error('index image key arrays do not match its key table');
    for (const [name, map] of index.maps()) map.loadFrom(image, name);
    // The name grams follow the distinct names, a few thousand: rebuilt rather than stored.
    for (const name of index.byName.allKeys()) index.addGrams(name);
    return index;
  }

  private maps(): Array<[string, IntMultiMap]> {
    return Object.entries({
      number8: this.number8,
      reversals: this.reversals,
      byTotal: this.byTotal,
      byDay: this.byDay,
      byName: this.byName,
      byRequester: this.byRequester,
      byTaxId: this.byTaxId,
    });
  }

  /**
   * Adds or replaces a record and indexes it. Index entries that the invoice's other side, or the record it
   * replaces, already made (the usual case: ledger and tax agree) are skipped; at a million invoices that halves the
   * work of loading. Entries are never removed: a replaced record's old facts stay listed and every reader checks
   * the record itself.
   */
  put(record: LedgerRecord | TaxRecord): void {
    this.putFacts(record.source, this.keyOf(record), record);
  }

  // A record's keys, interned — the primary key first, then the others: the order the key table has always given
  // ids in — and its 8-digit tails, red-letter link and tax-id flags.
  private keyOf(record: LedgerRecord | TaxRecord): Keyed {
    const texts = record.ids.map((id) => invoiceKey(id));
    const primary = Math.max(
      0,
      record.ids.findIndex((id) => id.kind === 'digital'),
    );
    const pk = this.keys.intern(texts[primary] as string);
    const idKeys = texts.map((text, i) => (i === primary ? pk : this.keys.intern(text)));
    const tails = record.ids.map((id) => {
      const tail = id.kind === 'legacy' ? id.number : id.number.slice(-8);
      return EIGHT_DIGITS.test(tail) ? Number(tail) : NONE;
    });
    const redKey = record.source === 'tax' && record.redOf ? this.keys.intern(invoiceKey(record.redOf)) : NONE;
    const sellerTaxId = Boolean(record.sellerTaxId);
    return { pk, idKeys, tails, redKey, sellerTaxId, buyerTaxId: Boolean(record.buyerTaxId) };
  }

  /**
   * {@link put} for a record given as its JSON line `bytes[start, end)` (without its line break), read from the
   * bytes without making the record, its strings or its ids JS values. False, with nothing changed, when the line is
   * not of the plain shape the columns hold (an extra field, an escape that is a lone surrogate…): then parse it and
   * `put` it.
   */
  putLine(source: 'ledger' | 'tax', bytes: Buffer, start: number, end: number): boolean {
    const own = this.table(source);
    if (!own.scan(bytes, start, end)) return false;
    this.putFacts(source, this.keyOfScanned(own, bytes), bytes);
    return true;
  }

  // keyOf for the line `own` scanned last.
  private keyOfScanned(own: RecordTable, bytes: Buffer): Keyed {
    const primary = own.scannedPrimary();
    const pk = own.scannedKey(bytes, primary);
    const idKeys: number[] = [];
    const tails: number[] = [];
    for (let i = 0; i < own.scannedIds; i++) {
      idKeys.push(i === primary ? pk : own.scannedKey(bytes, i));
      tails.push(own.scannedTail(bytes, i));
    }
    const redKey = own.scannedRedKey(bytes);
    const sellerTaxId = own.scannedHas('sellerTaxId');
    return { pk, idKeys, tails, redKey, sellerTaxId, buyerTaxId: own.scannedHas('buyerTaxId') };
  }

  /**
   * Room to stage `count` records of `source` ({@link stageLine}), after the import made room for them
   * ({@link reserveSteps}; what is still missing is made here at once).
   */
  staging(source: 'ledger' | 'tax', count: number): Staging {
    const own = this.table(source);
    for (const step of own.reserveSteps(count)) step();
    return new Staging(source, own.size, count);
  }

  /**
   * The steps that let `staging` hold `count` records (more than it holds room for now), each growing one array as
   * {@link reserveSteps} does, the staging's own arrays last: an import that stages its records as they arrive, not
   * knowing how many will come, grows its room by doubling with a yield between steps. The room made covers the
   * records' rows (past the table's last row), their strings and keys; {@link entrySteps} makes the room that putting
   * them needs once their number is known.
   */
  stagingSteps(staging: Staging, count: number): Array<() => void> {
    const more = count - staging.count;
    if (more <= 0) return [];
    return [...this.rowSteps(staging.source, more, count), () => staging.grow(count)];
  }

  /**
   * Reads record `i` of a staging from its JSON line `bytes[start, end)` into a row of its table that the index does
   * not show yet: its strings and keys are interned (no lookup can tell: a key without a row is not found, a string
   * no record uses matches nothing), its row written beyond the table's last. {@link putStaged} later makes it
   * visible. This way the costly part of indexing an import can run while its shards are written, and a write that
   * fails leaves nothing to undo. A line of another shape is parsed and staged as an object.
   */
  stageLine(staging: Staging, i: number, bytes: Buffer, start: number, end: number): void {
    const own = this.table(staging.source);
    const slot = staging.base + i;
    let keyed: Keyed;
    if (own.scan(bytes, start, end)) {
      keyed = this.keyOfScanned(own, bytes);
      this.fitKeys();
      own.writeScanned(slot, keyed.pk, bytes, keyed.idKeys, keyed.redKey);
    } else {
      const record = JSON.parse(bytes.toString('utf8', start, end)) as LedgerRecord | TaxRecord;
      if (record.source !== staging.source)
        throw new Error(`a ${staging.source} import staged a ${String(record.source)} record`);
      keyed = this.keyOf(record);
      this.fitKeys();
      own.write(slot, keyed.pk, record, keyed.idKeys);
    }
    staging.keep(i, keyed);
  }

  /** Makes staged record `i` visible, as {@link put} would have added it; in the order they were staged. */
  putStaged(staging: Staging, i: number): void {
    const own = this.table(staging.source);
    const slot = staging.base + i;
    this.putFacts(staging.source, staging.keyed(i, own.pk(slot), own.idKey(slot, 0), own.idKey(slot, 1)), slot);
  }

  // What `put`, `putLine` and `putStaged` share, given the record's keys (interned) and 8-digit tails (NONE: none) by
  // id, whether it names each tax id, and the record itself, the bytes of the line its table scanned last, or the row
  // it was staged in.
  private putFacts(source: 'ledger' | 'tax', keyed: Keyed, from: LedgerRecord | TaxRecord | Buffer | number): void {
    const { pk, idKeys, tails, redKey } = keyed;
    const own = this.table(source);
    const other = this.table(source === 'ledger' ? 'tax' : 'ledger');
    this.fitKeys();
    const prevRow = this.rowOf(source, pk);
    const otherRow = this.rowOf(other.source, pk);
    const was = prevRow === NONE ? undefined : this.factsOf(own, prevRow);
    const wasIds = prevRow === NONE ? [] : idKeys.filter((k) => own.hasId(prevRow, k));
    const theirs = otherRow === NONE ? undefined : this.factsOf(other, otherRow);
    let row: number;
    if (typeof from === 'number') {
      // A staged row becomes the record's row, or the next new one: copied down past replaced records' slots.
      row = prevRow === NONE ? own.claimRow() : prevRow;
      if (row !== from) own.copyRow(from, row);
    } else if (Buffer.isBuffer(from)) row = own.writeScanned(prevRow, pk, from, idKeys, redKey);
    else row = own.write(prevRow, pk, from, idKeys);
    if (source === 'ledger') this.ledgerRow[pk] = row;
    else this.taxRow[pk] = row;
    const now = this.factsOf(own, row);

    for (const [i, key] of idKeys.entries()) {
      // The primary key needs no alias: lookups fall back to the key itself.
      if (key !== pk) this.aliasOf[key] = pk;
      const tail = tails[i] as number;
      const listed = wasIds.includes(key) || (otherRow !== NONE && other.hasId(otherRow, key));
      if (!listed && tail !== NONE) this.number8.add(tail, pk);
    }
    if (redKey !== NONE) this.reversals.add(redKey, pk);
    if (isFresh(now, theirs, was, 'requester')) this.byRequester.add(now.requester, pk);
    if (isFresh(now, theirs, was, 'total') && Number.isFinite(now.total)) this.byTotal.add(now.total, pk);
    if (isFresh(now, theirs, was, 'day')) {
      if (!this.byDay.has(now.day)) this.sortedDays = undefined;
      this.byDay.add(now.day, pk);
    }
    this.dayOrder.delete(now.day);
    if (was) this.dayOrder.delete(was.day);
    if (theirs) this.dayOrder.delete(theirs.day);
    if (isFresh(now, theirs, was, 'sellerTaxId') && keyed.sellerTaxId) this.byTaxId.add(now.sellerTaxId, pk);
    if (isFresh(now, theirs, was, 'buyerTaxId') && keyed.buyerTaxId) this.byTaxId.add(now.buyerTaxId, pk);
    if (isFresh(now, theirs, was, 'sellerName')) this.addName(now.sellerName, pk);
    if (isFresh(now, theirs, was, 'buyerName')) this.addName(now.buyerName, pk);
  }

  private table(source: 'ledger' | 'tax'): RecordTable {
    return source === 'ledger' ? this.ledger : this.tax;
  }

  private rowOf(source: 'ledger' | 'tax', pk: number): number {
    return (source === 'ledger' ? this.ledgerRow[pk] : this.taxRow[pk]) as number;
  }

  private factsOf(table: RecordTable, row: number): Facts {
    return {
      total: table.num(row, 'total'),
      day: table.day(row),
      sellerTaxId: table.stringId(row, 'sellerTaxId'),
      buyerTaxId: table.stringId(row, 'buyerTaxId'),
      sellerName: table.stringId(row, 'sellerName'),
      buyerName: table.stringId(row, 'buyerName'),
      requester: table.source === 'ledger' ? table.stringId(row, 'requester') : NONE,
    };
  }

  /**
   * The steps that make room for `records` more records of one source before a big import puts them, so every array
   * grows once to its final size instead of at every power of two, and the importer can yield to the event loop
   * between steps. A growth is a large allocation and copy (tens of milliseconds at a million records), and the
   * tables of keys are rehashed: done all at once that was a stall of seconds for a running bot.
   */
  reserveSteps(source: 'ledger' | 'tax', records: number): Array<() => void> {
    return [...this.rowSteps(source, records, records), ...this.entrySteps(records)];
  }

  // reserveSteps for what writing (or staging) `records` more records needs: room for the table to hold `rows` rows
  // in all past its last shown one, their strings and keys.
  private rowSteps(source: 'ledger' | 'tax', records: number, rows: number): Array<() => void> {
    const keys = this.keys.size + 2 * records;
    return [
      ...this.table(source).reserveSteps(rows),
      // Per record: an issue time and an upload time added; its ids interned (two for a paper 数电 invoice).
      ...this.strings.reserveSteps(2 * records, 64 * records, 0),
      ...this.keys.reserveSteps(2 * records, 48 * records, 2 * records),
      ...(['aliasOf', 'ledgerRow', 'taxRow'] as const)
        .filter((name) => this[name].length < keys)
        .map((name) => () => this.fitKeys(keys, name)),
    ];
  }

  /** reserveSteps for what indexing `records` more records (putting them, or their staged rows) needs. */
  entrySteps(records: number): Array<() => void> {
    return [
      ...this.number8.reserveSteps(records, 2 * records),
      ...this.byTotal.reserveSteps(records, records),
      ...this.byDay.reserveSteps(0, records),
      ...this.byRequester.reserveSteps(0, records),
      ...this.byName.reserveSteps(0, 2 * records),
      ...this.byTaxId.reserveSteps(0, 2 * records),
    ];
  }

  // The per-key arrays follow the key table as it grows (one of them, when named).
  private fitKeys(min = 0, only?: 'aliasOf' | 'ledgerRow' | 'taxRow'): void {
    const need = Math.max(this.keys.size, min);
    // Called twice per record staged or put: nearly always there is room, and this answers without making a list.
    if (need <= this.aliasOf.length && need <= this.ledgerRow.length && need <= this.taxRow.length) return;
    for (const name of only ? [only] : (['aliasOf', 'ledgerRow', 'taxRow'] as const)) {
      const array = this[name];
      if (need > array.length) this[name] = grow(array, need).fill(NONE, array.length);
    }
  }

  private addName(nameId: number, pk: number): void {
    if (!this.byName.has(nameId)) this.addGrams(nameId);
    this.byName.add(nameId, pk);
  }

  private addGrams(nameId: number): void {
    const lower = this.strings.get(nameId).toLowerCase();
    for (let i = 0; i < lower.length; i++) {
      for (const gram of [lower.slice(i, i + 1), lower.slice(i, i + 2)]) {
        if (gram.length === 0) continue;
        const names = this.grams.get(gram);
        if (names) names.add(nameId);
        else this.grams.set(gram, new Set([nameId]));
      }
    }
  }

  // The primary key id an id key names, or NONE when no record has it.
  private resolve(key: string): number {
    const id = this.keys.find(key);
    if (id === NONE) return NONE;
    const alias = this.aliasOf[id] as number;
    return alias === NONE ? id : alias;
  }

  /** The record of one source under any of its ids. */
  record<S extends 'ledger' | 'tax'>(
    source: S,
    key: string,
  ): (S extends 'ledger' ? LedgerRecord : TaxRecord) | undefined {
    const pk = this.resolve(key);
    const row = pk === NONE ? NONE : this.rowOf(source, pk);
    return (row === NONE ? undefined : this.table(source).read(row)) as
      | (S extends 'ledger' ? LedgerRecord : TaxRecord)
      | undefined;
  }

  /** Both sides of an invoice. */
  pair(id: InvoiceId): InvoicePair {
    return this.pairOf(this.resolve(invoiceKey(id)));
  }

  private pairOf(pk: number): InvoicePair {
    if (pk === NONE) return {};
    const l = this.ledgerRow[pk] as number;
    const t = this.taxRow[pk] as number;
    return {
      ...(l === NONE ? {} : { ledger: this.ledger.read(l) as LedgerRecord }),
      ...(t === NONE ? {} : { tax: this.tax.read(t) as TaxRecord }),
    };
  }

  /** True when any source knows this id. */
  has(id: InvoiceId): boolean {
    const pk = this.resolve(invoiceKey(id));
    return pk !== NONE && (this.ledgerRow[pk] !== NONE || this.taxRow[pk] !== NONE);
  }

  /** Ids whose 8-digit number or 数电 tail matches. */
  byNumber8(number: string): InvoiceId[] {
    if (!EIGHT_DIGITS.test(number)) return [];
    return this.number8.get(Number(number)).map((pk) => keyToId(this.keys.get(pk)));
  }

  /** Red invoices reversing `id`. */
  reversedBy(id: InvoiceId): InvoiceId[] {
    const pk = this.resolve(invoiceKey(id));
    return pk === NONE ? [] : this.reversals.get(pk).map((red) => keyToId(this.keys.get(red)));
  }

  /**
   * Invoices matching every given fact, newest first: at most `limit` of them, and how many match — exactly, or "more
   * than" `max(limit, COUNT_CAP)`. Small candidate sets (an amount, a rare name) are read from their index and sorted;
   * large ones are walked newest day first and the walk stops once enough have matched, so no query costs a scan of
   * every record. Only the invoices returned become objects.
   */
  find(query: FindQuery, limit: number): FindResult {
    const cap = Math.max(limit, COUNT_CAP);
    const names = query.name === undefined ? undefined : this.namesContaining(query.name);
    const from = query.dayFrom;
    const to = query.dayTo ?? query.dayFrom;
    // A tax id or requester no record has matches nothing (strings are looked up once, then compared as ids).
    const taxId = query.taxId === undefined ? undefined : this.strings.find(query.taxId);
    const requester = query.requester === undefined ? undefined : this.strings.find(query.requester);
    if (taxId === NONE || requester === NONE) return { pairs: [], count: 0, more: false };
    const { ledger, tax } = this;
    const matches = (pk: number): boolean => {
      const l = this.ledgerRow[pk] as number;
      const t = this.taxRow[pk] as number;
      const any = (test: (table: RecordTable, row: number) => boolean) =>
        (l !== NONE && test(ledger, l)) || (t !== NONE && test(tax, t));
      if (query.total !== undefined && !any((r, i) => r.num(i, 'total') === query.total)) return false;
      // The issue day is the ledger's (the tax side's only for invoices the ledger lacks), the day results sort by.
      if (from && to) {
        const day = l !== NONE ? this.dayText(ledger.day(l)) : t !== NONE ? this.dayText(tax.day(t)) : '';
        if (!(day >= from && day <= to)) return false;
      }
      if (names && !any((r, i) => names.has(r.stringId(i, 'sellerName')) || names.has(r.stringId(i, 'buyerName'))))
        return false;
      if (
        taxId !== undefined &&
        !any((r, i) => r.stringId(i, 'sellerTaxId') === taxId || r.stringId(i, 'buyerTaxId') === taxId)
      )
        return false;
      return requester === undefined || (l !== NONE && ledger.stringId(l, 'requester') === requester);
    };
    const sources: Array<{ size: number; keys: () => number[] }> = [];
    if (requester !== undefined) {
      // An employee's own invoices are few: the usual driver of their searches.
      sources.push({ size: this.byRequester.size(requester), keys: () => this.byRequester.get(requester) });
    }
    const total = query.total;
    if (total !== undefined) {
      sources.push({ size: this.byTotal.size(total), keys: () => this.byTotal.get(total) });
    }
    if (taxId !== undefined) {
      sources.push({ size: this.byTaxId.size(taxId), keys: () => this.byTaxId.get(taxId) });
    }
    if (names) {
      let size = 0;
      for (const name of names) size += this.byName.size(name);
      sources.push({ size, keys: () => [...names].flatMap((name) => this.byName.get(name)) });
    }
    const smallest = sources.sort((a, b) => a.size - b.size)[0];
    if (smallest && smallest.size <= this.directUpTo) {
      const found = [...new Set(smallest.keys())].filter(matches).map((pk) => ({ pk, at: this.issued(pk) }));
      found.sort(newestFirst);
      return { pairs: found.slice(0, limit).map((e) => this.pairOf(e.pk)), count: found.length, more: false };
    }
    const pairs: InvoicePair[] = [];
    const seen = new Set<number>();
    let count = 0;
    for (const day of this.days()) {
      const text = this.dayText(day);
      if (to && text > to) continue;
      if (from && text < from) break;
      for (const pk of this.dayInOrder(day)) {
        if (seen.has(pk) || !matches(pk)) continue;
        seen.add(pk);
        count += 1;
        if (count > cap) return { pairs, count: cap, more: true };
        if (pairs.length < limit) pairs.push(this.pairOf(pk));
      }
    }
    return { pairs, count, more: false };
  }

  private dayText(day: number): string {
    return this.strings.get(day);
  }

  // When the invoice was issued: the ledger's time, the tax side's for invoices the ledger lacks.
  private issued(pk: number): string {
    const l = this.ledgerRow[pk] as number;
    const t = this.taxRow[pk] as number;
    return (l !== NONE ? this.ledger.text(l, 'issuedAt') : t !== NONE ? this.tax.text(t, 'issuedAt') : '') ?? '';
  }

  private days(): number[] {
    this.sortedDays ??= this.byDay
      .allKeys()
      .map((day) => ({ day, text: this.dayText(day) }))
      .sort((a, b) => (a.text < b.text ? 1 : a.text > b.text ? -1 : 0))
      .map((e) => e.day);
    return this.sortedDays;
  }

  private dayInOrder(day: number): number[] {
    let order = this.dayOrder.get(day);
    if (!order) {
      // A day also lists invoices only the other side dates there; they are listed under their own day.
      const text = this.dayText(day);
      order = this.byDay
        .get(day)
        .map((pk) => ({ pk, at: this.issued(pk) }))
        .filter((e) => e.at.slice(0, 10) === text)
        .sort(newestFirst)
        .map((e) => e.pk);
      this.dayOrder.set(day, order);
    }
    return order;
  }

  // Ids of the distinct names containing the fragment (case-insensitive): candidates from the shortest gram posting
  // list, then checked. A fragment of one character uses its unigram list.
  private namesContaining(fragment: string): Set<number> {
    const needle = fragment.toLowerCase();
    if (needle.length === 0) return new Set(this.byName.allKeys());
    let shortest: Set<number> | undefined;
    for (let i = 0; i < Math.max(1, needle.length - 1); i++) {
      const posting = this.grams.get(needle.slice(i, i + 2));
      if (!posting) return new Set();
      if (!shortest || posting.size < shortest.size) shortest = posting;
    }
    return new Set([...(shortest ?? [])].filter((name) => this.strings.get(name).toLowerCase().includes(needle)));
  }

  /** Ledger invoices without a tax record. */
  missingFromTax(): InvoiceId[] {
    const out: InvoiceId[] = [];
    for (let row = 0; row < this.ledger.size; row++) {
      if (this.taxRow[this.ledger.pk(row)] === NONE) out.push(keyToId(this.ledger.idsOf(row)[0] as string));
    }
    return out;
  }

  /** Record counts per source. */
  counts(): { ledger: number; tax: number } {
    return { ledger: this.ledger.size, tax: this.tax.size };
  }
}

/**
 * Records of one source being staged by an import ({@link InvoiceIndex.stageLine}): their rows lie in the table from
 * `base` on, past its last row; what else `put` needs of each (8-digit tails, red-letter link, tax-id flags) is kept
 * here in typed arrays.
 */
export class Staging {
  private tails: Int32Array;
  private reds: Int32Array;
  private flags: Uint8Array;
  // Records with more ids than the table has id columns (kept whole), by number.
  private readonly odd = new Map<number, Keyed>();

  constructor(
    readonly source: 'ledger' | 'tax',
    readonly base: number,
    private room: number,
  ) {
    this.tails = new Int32Array(2 * room);
    this.reds = new Int32Array(room);
    this.flags = new Uint8Array(room);
  }

  /** How many records the staging has room for (see `InvoiceIndex.stagingSteps`). */
  get count(): number {
    return this.room;
  }

  /** Room for `count` records in all; the index must have made room for their rows first. */
  grow(count: number): void {
    if (count <= this.room) return;
    this.tails = grow(this.tails, 2 * count);
    this.reds = grow(this.reds, count);
    this.flags = grow(this.flags, count);
    this.room = count;
  }

  /** Keeps what record `i` needs beyond its row. */
  keep(i: number, keyed: Keyed): void {
    if (keyed.idKeys.length > 2) this.odd.set(i, keyed);
    this.tails[2 * i] = keyed.tails[0] ?? NONE;
    this.tails[2 * i + 1] = keyed.tails[1] ?? NONE;
    this.reds[i] = keyed.redKey;
    this.flags[i] = (keyed.sellerTaxId ? 1 : 0) | (keyed.buyerTaxId ? 2 : 0);
  }

  /** Record `i`'s keys again, given its row's primary key and first two ids' keys (NONE: none). */
  keyed(i: number, pk: number, first: number, second: number): Keyed {
    const odd = this.odd.get(i);
    if (odd) return odd;
    const idKeys = second === NONE ? [first] : [first, second];
    const tails = idKeys.map((_, k) => this.tails[2 * i + k] as number);
    const flags = this.flags[i] as number;
    return {
      pk,
      idKeys,
      tails,
      redKey: this.reds[i] as number,
      sellerTaxId: (flags & 1) > 0,
      buyerTaxId: (flags & 2) > 0,
    };
  }
}

// Whether a fact of a record just put is one the index does not list for it yet: set, and neither the other
// source's value nor the record's value before (a plain function: tsx wraps each closure made in a call per put).
function isFresh(now: Facts, theirs: Facts | undefined, was: Facts | undefined, fact: keyof Facts): boolean {
  return now[fact] !== NONE && now[fact] !== theirs?.[fact] && now[fact] !== was?.[fact];
}

// Counting stops after this many matches ("more than 200 match"); a person reads ten.
const COUNT_CAP = 200;

// ISO times of one format sort as text; code-unit order, no locale rules.
function newestFirst(a: { at: string }, b: { at: string }): number {
  return a.at < b.at ? 1 : a.at > b.at ? -1 : 0;
}
