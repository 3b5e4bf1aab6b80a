import { type InvoiceId, invoiceKey, keyToId } from '../domain/identifier.js';
import type { InvoiceFacts, InvoicePair, LedgerRecord, TaxRecord } from '../domain/invoice.js';
import type { FindQuery, FindResult } from '../ports.js';

// Most index values have one entry; storing a bare string until a second arrives halves the memory at 1M records.
// Keys with many values (a day, a company name) get a Set, so adding stays O(1).
type Multi = Map<string, string | Set<string>>;

function add(map: Multi, key: string, value: string): void {
  const current = map.get(key);
  if (current === undefined) map.set(key, value);
  else if (typeof current === 'string') {
    if (current !== value) map.set(key, new Set([current, value]));
  } else current.add(value);
}

function all(map: Multi, key: string): string[] {
  const v = map.get(key);
  return v === undefined ? [] : typeof v === 'string' ? [v] : [...v];
}

/** The primary key of a record: its 数电 number when it has one, else its legacy pair. */
export function primaryKey(facts: Pick<InvoiceFacts, 'ids'>): string {
  const digital = facts.ids.find((id) => id.kind === 'digital');
  return invoiceKey(digital ?? (facts.ids[0] as InvoiceId));
}

/**
 * In-memory indexes over both record sources: every identifier, the 8-digit tail, red-letter links,
 * and the facts `find` searches by. Shared by the lowdb and in-memory stores.
 */
export class InvoiceIndex {
  private readonly ledger = new Map<string, LedgerRecord>();
  private readonly tax = new Map<string, TaxRecord>();
  private readonly aliases = new Map<string, string>();
  private readonly number8: Multi = new Map();
  private readonly reversals: Multi = new Map();
  private readonly byTotal: Multi = new Map();
  private readonly byDay: Multi = new Map();
  private readonly byName: Multi = new Map();
  private readonly byRequester: Multi = new Map();
  private readonly byTaxId: Multi = new Map();
  // Character unigrams and bigrams (lower-cased) of every distinct name → the names containing them, so a fragment
  // is looked up in the shortest posting list instead of testing every name.
  private readonly grams = new Map<string, Set<string>>();
  // Day keys newest first, and each visited day's invoices newest first; rebuilt only after a put touched them.
  private sortedDays: string[] | undefined;
  private readonly dayOrder = new Map<string, string[]>();

  /** `directUpTo`: candidate sets up to this size are filtered and sorted directly (tests make it small). */
  constructor(private readonly directUpTo = 20_000) {}

  /**
   * Adds or replaces a record and indexes it. Index entries the invoice's other side already made (the usual case:
   * ledger and tax agree) are skipped; at a million invoices that halves the work of loading.
   */
  put(record: LedgerRecord | TaxRecord): void {
    const pk = primaryKey(record);
    const other = record.source === 'ledger' ? this.tax.get(pk) : this.ledger.get(pk);
    if (record.source === 'ledger') this.ledger.set(pk, record);
    else this.tax.set(pk, record);
    for (const id of record.ids) {
      const key = invoiceKey(id);
      // The primary key needs no alias: lookups fall back to the key itself.
      if (key !== pk) this.aliases.set(key, pk);
      if (!other) add(this.number8, id.kind === 'legacy' ? id.number : id.number.slice(-8), pk);
    }
    if (record.source === 'tax' && record.redOf) add(this.reversals, invoiceKey(record.redOf), pk);
    if (record.source === 'ledger' && record.requester) add(this.byRequester, record.requester, pk);
    if (other?.total !== record.total) add(this.byTotal, String(record.total), pk);
    const day = record.issuedAt.slice(0, 10);
    if (other?.issuedAt.slice(0, 10) !== day) {
      if (!this.byDay.has(day)) this.sortedDays = undefined;
      add(this.byDay, day, pk);
    }
    this.dayOrder.delete(day);
    if (other) this.dayOrder.delete(other.issuedAt.slice(0, 10));
    if (record.sellerTaxId && other?.sellerTaxId !== record.sellerTaxId) add(this.byTaxId, record.sellerTaxId, pk);
    if (record.buyerTaxId && other?.buyerTaxId !== record.buyerTaxId) add(this.byTaxId, record.buyerTaxId, pk);
    if (other?.sellerName !== record.sellerName) this.addName(record.sellerName, pk);
    if (other?.buyerName !== record.buyerName) this.addName(record.buyerName, pk);
  }

  private addName(name: string, pk: string): void {
    if (!this.byName.has(name)) {
      const lower = name.toLowerCase();
      for (let i = 0; i < lower.length; i++) {
        for (const gram of [lower.slice(i, i + 1), lower.slice(i, i + 2)]) {
          if (gram.length === 0) continue;
          const names = this.grams.get(gram);
          if (names) names.add(name);
          else this.grams.set(gram, new Set([name]));
        }
      }
    }
    add(this.byName, name, pk);
  }

  /** The record of one source under any of its ids. */
  record<S extends 'ledger' | 'tax'>(
    source: S,
    key: string,
  ): (S extends 'ledger' ? LedgerRecord : TaxRecord) | undefined {
    const pk = this.aliases.get(key) ?? key;
    return (source === 'ledger' ? this.ledger.get(pk) : this.tax.get(pk)) as
      | (S extends 'ledger' ? LedgerRecord : TaxRecord)
      | undefined;
  }

  /** Both sides of an invoice. */
  pair(id: InvoiceId): InvoicePair {
    const key = invoiceKey(id);
    const ledger = this.record('ledger', key);
    const tax = this.record('tax', key);
    return { ...(ledger ? { ledger } : {}), ...(tax ? { tax } : {}) };
  }

  /** True when any source knows this id. */
  has(id: InvoiceId): boolean {
    const key = invoiceKey(id);
    const pk = this.aliases.get(key) ?? key;
    return this.ledger.has(pk) || this.tax.has(pk);
  }

  /** Ids whose 8-digit number or 数电 tail matches. */
  byNumber8(number: string): InvoiceId[] {
    return all(this.number8, number).map(keyToId);
  }

  /** Red invoices reversing `id`. */
  reversedBy(id: InvoiceId): InvoiceId[] {
    const pk = this.aliases.get(invoiceKey(id)) ?? invoiceKey(id);
    return all(this.reversals, pk).map(keyToId);
  }

  /**
   * Invoices matching every given fact, newest first: at most `limit` of them, and how many match — exactly, or "more
   * than" `max(limit, COUNT_CAP)`. Small candidate sets (an amount, a rare name) are read from their index and sorted;
   * large ones are walked newest day first and the walk stops once enough have matched, so no query costs a scan of
   * every record.
   */
  find(query: FindQuery, limit: number): FindResult {
    const cap = Math.max(limit, COUNT_CAP);
    const names = query.name === undefined ? undefined : this.namesContaining(query.name);
    const from = query.dayFrom;
    const to = query.dayTo ?? query.dayFrom;
    const matches = (pk: string): boolean => {
      const ledger = this.ledger.get(pk);
      const tax = this.tax.get(pk);
      const any = (test: (r: LedgerRecord | TaxRecord) => boolean) =>
        (ledger !== undefined && test(ledger)) || (tax !== undefined && test(tax));
      if (query.total !== undefined && !any((r) => r.total === query.total)) return false;
      // The issue day is the ledger's (the tax side's only for invoices the ledger lacks), the day results sort by.
      const day = (ledger ?? tax)?.issuedAt.slice(0, 10) ?? '';
      if (from && to && !(day >= from && day <= to)) return false;
      if (names && !any((r) => names.has(r.sellerName) || names.has(r.buyerName))) return false;
      const taxId = query.taxId;
      if (taxId !== undefined && !any((r) => r.sellerTaxId === taxId || r.buyerTaxId === taxId)) return false;
      return query.requester === undefined || ledger?.requester === query.requester;
    };
    const sources: Array<{ size: number; keys: () => Iterable<string> }> = [];
    if (query.requester !== undefined) {
      // An employee's own invoices are few: the usual driver of their searches.
      const keys = all(this.byRequester, query.requester);
      sources.push({ size: keys.length, keys: () => keys });
    }
    if (query.total !== undefined) {
      const keys = all(this.byTotal, String(query.total));
      sources.push({ size: keys.length, keys: () => keys });
    }
    if (query.taxId !== undefined) {
      const keys = all(this.byTaxId, query.taxId);
      sources.push({ size: keys.length, keys: () => keys });
    }
    if (names) {
      let size = 0;
      for (const name of names) size += sizeOf(this.byName.get(name));
      sources.push({ size, keys: () => [...names].flatMap((name) => all(this.byName, name)) });
    }
    const smallest = sources.sort((a, b) => a.size - b.size)[0];
    if (smallest && smallest.size <= this.directUpTo) {
      const found = [...new Set(smallest.keys())].filter(matches).map((pk) => this.pair(keyToId(pk)));
      found.sort((a, b) => issued(b).localeCompare(issued(a)));
      return { pairs: found.slice(0, limit), count: found.length, more: false };
    }
    const pairs: InvoicePair[] = [];
    const seen = new Set<string>();
    let count = 0;
    for (const day of this.days()) {
      if (to && day > to) continue;
      if (from && day < from) break;
      for (const pk of this.dayInOrder(day)) {
        if (seen.has(pk) || !matches(pk)) continue;
        seen.add(pk);
        count += 1;
        if (count > cap) return { pairs, count: cap, more: true };
        if (pairs.length < limit) pairs.push(this.pair(keyToId(pk)));
      }
    }
    return { pairs, count, more: false };
  }

  private days(): string[] {
    this.sortedDays ??= [...this.byDay.keys()].sort().reverse();
    return this.sortedDays;
  }

  private dayInOrder(day: string): string[] {
    let order = this.dayOrder.get(day);
    if (!order) {
      // A day also lists invoices only the other side dates there; they are listed under their own day.
      order = all(this.byDay, day)
        .map((pk) => ({ pk, at: issued(this.pair(keyToId(pk))) }))
        .filter((e) => e.at.slice(0, 10) === day)
        .sort((a, b) => b.at.localeCompare(a.at))
        .map((e) => e.pk);
      this.dayOrder.set(day, order);
    }
    return order;
  }

  // Distinct names containing the fragment (case-insensitive): candidates from the shortest gram posting list,
  // then checked. A fragment of one character uses its unigram list.
  private namesContaining(fragment: string): Set<string> {
    const needle = fragment.toLowerCase();
    if (needle.length === 0) return new Set(this.byName.keys());
    let shortest: Set<string> | undefined;
    for (let i = 0; i < Math.max(1, needle.length - 1); i++) {
      const posting = this.grams.get(needle.slice(i, i + 2));
      if (!posting) return new Set();
      if (!shortest || posting.size < shortest.size) shortest = posting;
    }
    return new Set([...(shortest ?? [])].filter((name) => name.toLowerCase().includes(needle)));
  }

  /** Ledger invoices without a tax record. */
  missingFromTax(): InvoiceId[] {
    const out: InvoiceId[] = [];
    for (const [pk, record] of this.ledger) if (!this.tax.has(pk)) out.push(record.ids[0] as InvoiceId);
    return out;
  }

  /** Record counts per source. */
  counts(): { ledger: number; tax: number } {
    return { ledger: this.ledger.size, tax: this.tax.size };
  }
}

// Counting stops after this many matches ("more than 200 match"); a person reads ten.
const COUNT_CAP = 200;

function sizeOf(value: string | Set<string> | undefined): number {
  return value === undefined ? 0 : typeof value === 'string' ? 1 : value.size;
}

function issued(pair: InvoicePair): string {
  return pair.ledger?.issuedAt ?? pair.tax?.issuedAt ?? '';
}
