import type { InvoiceFacts } from './invoice.js';
import { isDigital } from './invoice.js';
import { isSpecialType } from './invoice-medium.js';
import type { Notice } from './notice.js';

/**
 * Invoice kinds a policy change can affect, in three groups: the system (数电 or legacy 税控), the type (special or
 * ordinary) and red-letter invoices. An invoice is affected when it matches one picked kind in every group that has
 * one: 数电 + red means 数电 red invoices; special alone means every special invoice.
 */
export const POLICY_INVOICE_KINDS = ['digital', 'legacy', 'special', 'ordinary', 'red'] as const;
export type PolicyInvoiceKind = (typeof POLICY_INVOICE_KINDS)[number];

const GROUPS: ReadonlyArray<readonly PolicyInvoiceKind[]> = [['digital', 'legacy'], ['special', 'ordinary'], ['red']];

/** What a policy-change notice adds to a notice: the invoice kinds it affects and an optional link to the source. */
export type PolicyDetails = { invoiceKinds: PolicyInvoiceKind[]; link?: string };

/**
 * True for a policy-change notice (effective date, no end); notices stored before policies existed are maintenance.
 * @example isPolicy({ kind: 'policy' } as Notice) // true
 */
export function isPolicy(notice: Pick<Notice, 'kind'>): boolean {
  return notice.kind === 'policy';
}

/**
 * The kinds an invoice is, in the groups above.
 * @example invoiceKindsOf({ ids: [{ kind: 'digital', number: '…' }], type: '数电发票（普通发票）', total: -100 }) // ['digital', 'ordinary', 'red']
 */
export function invoiceKindsOf(facts: Pick<InvoiceFacts, 'ids' | 'type' | 'total'>): PolicyInvoiceKind[] {
  return [
    isDigital(facts) ? 'digital' : 'legacy',
    isSpecialType(facts.type) ? 'special' : 'ordinary',
    ...(facts.total < 0 ? (['red'] as const) : []),
  ];
}

/**
 * True when the picked kinds cover an invoice of these kinds (see {@link POLICY_INVOICE_KINDS}).
 * @example affects(['digital', 'red'], ['digital', 'ordinary']) // false: not a red invoice
 */
export function affects(picked: readonly PolicyInvoiceKind[], kinds: readonly PolicyInvoiceKind[]): boolean {
  if (picked.length === 0) return false;
  return GROUPS.every((group) => {
    const wanted = picked.filter((k) => group.includes(k));
    return wanted.length === 0 || wanted.some((k) => kinds.includes(k));
  });
}

const DAY_MS = 86_400_000;

/**
 * The policy changes that bear on an invoice: not cancelled, affecting its kind, and taking effect within `days`
 * days before its issue time (an invoice issued before a change took effect is not affected by it).
 * @example policiesFor(notices, facts, 30).map((n) => n.id) // ['NTC-3']
 */
export function policiesFor(
  notices: readonly Notice[],
  facts: Pick<InvoiceFacts, 'ids' | 'type' | 'total' | 'issuedAt'>,
  days: number,
): Notice[] {
  const issued = Date.parse(facts.issuedAt);
  const kinds = invoiceKindsOf(facts);
  return notices.filter((n) => {
    if (!isPolicy(n) || n.status === 'cancelled' || !n.policy) return false;
    const effective = Date.parse(n.startsAt);
    return issued >= effective && issued < effective + days * DAY_MS && affects(n.policy.invoiceKinds, kinds);
  });
}

/**
 * True while a notice belongs in `/invoice notices` and the App Home: a maintenance window until it ends, a policy
 * change until `days` days after it took effect; never once cancelled or completed.
 * @example isListed(policy, new Date('2026-12-20T00:00:00Z'), 30) // true for a change effective 2026-12-01
 */
export function isListed(notice: Notice, now: Date, days: number): boolean {
  if (notice.status === 'cancelled' || notice.status === 'completed') return false;
  if (isPolicy(notice)) return now.getTime() < Date.parse(notice.startsAt) + days * DAY_MS;
  return Date.parse(notice.endsAt) > now.getTime();
}
