import type { NearMatch } from '../domain/diagnose.js';
import type { IdMention } from '../domain/extract-ids.js';
import { nearVariants } from '../domain/near-match.js';
import type { InvoiceStore } from '../ports.js';

const MAX = 5;

/**
 * Records one typing slip away from a mention, found by probing the store's indexes with generated variants
 * (never by scanning every record). Every variant is probed in one `known` call, so a store over the network
 * answers in one round trip.
 */
export async function findNearMatches(store: InvoiceStore, mention: IdMention): Promise<NearMatch[]> {
  const candidates = await candidatesFor(store, mention);
  const present = new Set((await store.known(candidates.map((c) => c.id))).map((id) => JSON.stringify(id)));
  const found: NearMatch[] = [];
  for (const { id, how } of candidates) {
    if (
      found.length < MAX &&
      present.has(JSON.stringify(id)) &&
      !found.some((f) => JSON.stringify(f.id) === JSON.stringify(id))
    )
      found.push({ id, how });
  }
  // Swaps and dropped digits are the commonest slips when copying a 20-digit number, so they come first.
  return found.sort((a, b) => RANK.indexOf(a.how) - RANK.indexOf(b.how));
}

// The ids one slip away, in the order they are preferred when more than MAX exist.
async function candidatesFor(store: InvoiceStore, mention: IdMention): Promise<NearMatch[]> {
  const id = mention.id;
  if (id?.kind === 'digital')
    return nearVariants(id.number, 20).map((v) => ({ id: { kind: 'digital', number: v.digits }, how: v.how }));
  if (id?.kind === 'legacy')
    return [
      ...nearVariants(id.number, 8).map(
        (v): NearMatch => ({ id: { kind: 'legacy', code: id.code, number: v.digits }, how: v.how }),
      ),
      ...nearVariants(id.code, id.code.length).map(
        (v): NearMatch => ({ id: { kind: 'legacy', code: v.digits, number: id.number }, how: v.how }),
      ),
    ];
  const digits = mention.raw.replace(/\D/g, '');
  if (digits.length === 19 || digits.length === 21)
    return nearVariants(digits, 20).map((v) => ({ id: { kind: 'digital', number: v.digits }, how: v.how }));
  // An 8-digit number alone: a legacy number typed without its code, or the tail of a 数电 number.
  if (digits.length === 8) return (await store.byNumber8(digits)).map((match) => ({ id: match, how: 'short_number' }));
  if (digits.length === 7 || digits.length === 9) {
    const variants = nearVariants(digits, 8);
    const matches = await Promise.all(variants.map((v) => store.byNumber8(v.digits)));
    return variants.flatMap((v, i) => (matches[i] ?? []).map((match) => ({ id: match, how: v.how })));
  }
  return [];
}

const RANK: NearMatch['how'][] = ['swapped', 'missing_digit', 'extra_digit', 'one_digit', 'short_number'];
