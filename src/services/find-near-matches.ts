import type { NearMatch } from '../domain/diagnose.js';
import type { IdMention } from '../domain/extract-ids.js';
import type { InvoiceId } from '../domain/identifier.js';
import { nearVariants } from '../domain/near-match.js';
import type { InvoiceStore } from '../ports.js';

const MAX = 5;

/**
 * Records one typing slip away from a mention, found by probing the store's indexes with generated variants
 * (never by scanning every record).
 */
export function findNearMatches(store: InvoiceStore, mention: IdMention): NearMatch[] {
  const found: NearMatch[] = [];
  const push = (id: InvoiceId, how: NearMatch['how']) => {
    if (found.length < MAX && store.has(id) && !found.some((f) => JSON.stringify(f.id) === JSON.stringify(id)))
      found.push({ id, how });
  };
  const id = mention.id;
  if (id?.kind === 'digital') {
    for (const v of nearVariants(id.number, 20)) push({ kind: 'digital', number: v.digits }, v.how);
  } else if (id?.kind === 'legacy') {
    for (const v of nearVariants(id.number, 8)) push({ kind: 'legacy', code: id.code, number: v.digits }, v.how);
    for (const v of nearVariants(id.code, id.code.length))
      push({ kind: 'legacy', code: v.digits, number: id.number }, v.how);
  } else {
    const digits = mention.raw.replace(/\D/g, '');
    if (digits.length === 19 || digits.length === 21) {
      for (const v of nearVariants(digits, 20)) push({ kind: 'digital', number: v.digits }, v.how);
    } else if (digits.length === 8) {
      // An 8-digit number alone: a legacy number typed without its code, or the tail of a 数电 number.
      for (const match of store.byNumber8(digits)) push(match, 'short_number');
    } else if (digits.length === 7 || digits.length === 9) {
      for (const v of nearVariants(digits, 8)) for (const match of store.byNumber8(v.digits)) push(match, v.how);
    }
  }
  // Swaps and dropped digits are the commonest slips when copying a 20-digit number, so they come first.
  return found.sort((a, b) => RANK.indexOf(a.how) - RANK.indexOf(b.how));
}

const RANK: NearMatch['how'][] = ['swapped', 'missing_digit', 'extra_digit', 'one_digit', 'short_number'];
