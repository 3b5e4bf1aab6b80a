import { type InvoiceId, invoiceKey, keyToId } from '../domain/identifier.js';
import type { InvoiceFacts, InvoicePair, LedgerRecord, TaxRecord } from '../domain/invoice.js';
import type { FindQuery } from '../ports.js';

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
    if (other?.total !== record.total) add(this.byTotal, String(record.total), pk);
    if (other?.issuedAt.slice(0, 10) !== record.issuedAt.slice(0, 10))
      add(this.byDay, record.issuedAt.slice(0, 10), pk);
    if (other?.sellerName !== record.sellerName) add(this.byName, record.sellerName, pk);
    if (other?.buyerName !== record.buyerName) add(this.byName, record.buyerName, pk);
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

  /** Invoices matching every given fact, newest first. */
  find(query: FindQuery, limit: number): InvoicePair[] {
    let keys: Set<string> | undefined;
    const narrow = (next: Iterable<string>) => {
      const set = new Set(next);
      keys = keys ? new Set([...keys].filter((k) => set.has(k))) : set;
    };
    if (query.total !== undefined) narrow(all(this.byTotal, String(query.total)));
    if (query.dayFrom) narrow(this.daysBetween(query.dayFrom, query.dayTo ?? query.dayFrom));
    if (query.name) narrow(this.namesContaining(query.name));
    return [...(keys ?? [])]
      .map((pk) => this.pair(keyToId(pk)))
      .filter((pair) => query.requester === undefined || pair.ledger?.requester === query.requester)
      .sort((a, b) => issued(b).localeCompare(issued(a)))
      .slice(0, limit);
  }

  private *daysBetween(from: string, to: string): Iterable<string> {
    // Days are few (hundreds) compared with records, so walking the day keys is cheap.
    for (const [day, pks] of this.byDay) if (day >= from && day <= to) yield* typeof pks === 'string' ? [pks] : pks;
  }

  private *namesContaining(fragment: string): Iterable<string> {
    const needle = fragment.toLowerCase();
    for (const [name, pks] of this.byName)
      if (name.toLowerCase().includes(needle)) yield* typeof pks === 'string' ? [pks] : pks;
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

function issued(pair: InvoicePair): string {
  return pair.ledger?.issuedAt ?? pair.tax?.issuedAt ?? '';
}
