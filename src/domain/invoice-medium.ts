import type { InvoiceId } from './identifier.js';
import { type InvoiceFacts, isDigital } from './invoice.js';

/** Whether an invoice exists as a file (electronic) or only on paper. */
export type Medium = 'electronic' | 'paper';

// Digits 11–12 of a 12-digit legacy code that mean an electronic invoice (domain-fapiao §1.3): 电子普票, 通行费, 电子专票.
const ELECTRONIC_KINDS = new Set(['11', '12', '13']);

/**
 * Electronic or paper, from the type label when it says so (纸质 / 电子), else from the identifiers: a 20-digit 数电
 * number alone is electronic, a paper 数电 invoice also carries a legacy code, a 10-digit code is a paper special
 * invoice, and a 12-digit code says its kind in digits 11–12.
 * @example mediumOf([{ kind: 'digital', number: '26112000000000100001' }]) // 'electronic'
 */
// The `type` default is read only for 纸质 / 电子, so any other default behaves the same (an equivalent mutant).
export function mediumOf(ids: readonly InvoiceId[], type = ''): Medium {
  if (type.includes('纸质')) return 'paper';
  if (type.includes('电子')) return 'electronic';
  const legacy = ids.find((id) => id.kind === 'legacy');
  if (!legacy) return 'electronic';
  if (ids.some((id) => id.kind === 'digital')) return 'paper';
  // A 10-digit code has no digits 11–12, so `length === 12` → `true` changes nothing (an equivalent mutant).
  return legacy.code.length === 12 && ELECTRONIC_KINDS.has(legacy.code.slice(10)) ? 'electronic' : 'paper';
}

/**
 * True for a special VAT invoice (专用发票), the kind whose input VAT is deducted.
 * @example isSpecialType('数电发票（增值税专用发票）') // true
 */
export function isSpecialType(type: string): boolean {
  return type.includes('专用') || type.includes('专票');
}

/** What decides how a wrong invoice is taken back and where it is uploaded: its medium, and whether it is 数电. */
export type InvoiceKind = { medium: Medium; digital: boolean };

/**
 * The kind of a recorded invoice, from its identifiers and its type label.
 * @example invoiceKind({ ids: [{ kind: 'legacy', code: '011002500104', number: '00412345' }], type: '增值税普通发票' }) // { medium: 'paper', digital: false }
 */
export function invoiceKind(facts: Pick<InvoiceFacts, 'ids' | 'type'>): InvoiceKind {
  return { medium: mediumOf(facts.ids, facts.type), digital: isDigital(facts) };
}
