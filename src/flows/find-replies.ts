import { type Actor, isFinance } from '../domain/actor.js';
import { disclosureFor, type Place } from '../domain/disclosure.js';
import { formatId } from '../domain/identifier.js';
import type { Catalog } from '../i18n/catalog.js';
import type { InvoiceStore } from '../ports.js';
import { lookupChoice } from './lookup-replies.js';
import { parseFindQuery } from './parse-find-query.js';
import type { Reply } from './reply.js';

const FIND_LIMIT = 10;

/**
 * `/invoice find …`: a short list of invoices matching what the user remembers, newest first, each one clickable.
 * An employee searches only their own invoices, so an exact amount never confirms that someone else's exists.
 */
export async function findReplies(
  store: InvoiceStore,
  actor: Actor,
  text: string,
  t: Catalog,
  zone: string,
  place: Place,
): Promise<Reply[]> {
  const parsed = parseFindQuery(text, zone);
  if (!parsed.ok) {
    const e = parsed.error;
    const message =
      e.code === 'bad_amount'
        ? t.find.badAmount(e.text)
        : e.code === 'bad_date'
          ? t.find.badDate(e.text)
          : e.code === 'bad_tax_id'
            ? t.find.badTaxId(e.text)
            : e.code === 'reversed_range'
              ? t.rangeReversed(e.from, e.to)
              : t.find.usage;
    return [{ kind: 'text', text: message }];
  }
  // A taxpayer id lists a counterparty's whole business with us: finance leads and admins only.
  if (parsed.value.taxId !== undefined && !isFinance(actor)) return [{ kind: 'text', text: t.find.taxIdFinanceOnly }];
  const own = isFinance(actor) ? {} : { requester: actor.userId };
  const found = await store.find({ ...parsed.value, ...own }, FIND_LIMIT);
  if (found.count === 0) return [{ kind: 'text', text: t.find.none }];
  const items = found.pairs.flatMap((pair) => {
    const facts = pair.ledger ?? pair.tax;
    const id = facts?.ids[0];
    if (!facts || !id) return [];
    const amount = disclosureFor(actor, pair.ledger?.requester, place).amount(facts.total);
    // Each result says where it stands: the tax system's status, or why the tax data lacks it.
    const erp = pair.ledger?.erpStatus;
    const status = pair.tax ? t.taxStatus(pair.tax) : erp && erp !== 'issued' ? t.erpStatus(erp) : t.card.notInTax;
    const cells = [formatId(id), facts.issuedAt.slice(0, 10), facts.sellerName, facts.buyerName, amount, status];
    const [number, day, seller, buyer] = cells;
    const text = `${number} — ${day} — ${seller} → ${buyer} — ${amount} — ${status}`;
    return [{ text, cells, choice: lookupChoice(id, formatId(id)) }];
  });
  const list: Reply = {
    kind: 'list',
    title: t.find.results(found.count, items.length, found.more),
    items: items.map(({ text, choice }) => ({ text, choice })),
    table: { header: t.find.columns, rows: items.map((i) => i.cells) },
  };
  // One fact alone (an amount, or a company name) matches many invoices: say how to narrow it down.
  const keys = Object.keys(parsed.value);
  const hint =
    keys.length === 1
      ? keys[0] === 'total'
        ? t.find.hintAmount
        : keys[0] === 'name'
          ? t.find.hintName
          : undefined
      : undefined;
  return hint ? [list, { kind: 'text', text: hint }] : [list];
}
