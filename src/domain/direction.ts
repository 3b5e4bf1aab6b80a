import type { InvoiceFacts } from './invoice.js';

/** Which side of an invoice the company is on: we issued it (seller), or we received it (buyer). */
export type Direction = 'issued' | 'received';

/**
 * The company's side of an invoice (domain-fapiao §10.2): our tax id as seller → issued, as buyer → received;
 * undefined when neither party is one of our entities or no tax ids are configured.
 * @example directionOf({ sellerTaxId: 'A', buyerTaxId: 'B' }, ['B']) // 'received'
 */
export function directionOf(
  facts: Pick<InvoiceFacts, 'sellerTaxId' | 'buyerTaxId'>,
  companyTaxIds: readonly string[],
): Direction | undefined {
  if (companyTaxIds.includes(facts.sellerTaxId)) return 'issued';
  if (companyTaxIds.includes(facts.buyerTaxId)) return 'received';
  return undefined;
}
