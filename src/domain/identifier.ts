import { z } from 'zod';

/** A 20-digit fully digitalised (数电) invoice number. */
export const DigitalNumber = z.string().regex(/^\d{20}$/);
/** A legacy 发票代码: 10 or 12 digits. */
export const InvoiceCode = z.string().regex(/^(\d{10}|\d{12})$/);
/** A legacy 发票号码: 8 digits. */
export const InvoiceNumber = z.string().regex(/^\d{8}$/);

/** How a user or a file names one invoice: a 数电 number, or a legacy code + number pair. */
export type InvoiceId = { kind: 'digital'; number: string } | { kind: 'legacy'; code: string; number: string };

/**
 * The storage key of an identifier; paper 数电 invoices are stored under both of theirs.
 * @example invoiceKey({ kind: 'digital', number: '24112000000094149929' }) // 'D24112000000094149929'
 */
export function invoiceKey(id: InvoiceId): string {
  return id.kind === 'digital' ? `D${id.number}` : `L${id.code}-${id.number}`;
}

// D + 20 digits, or L + a 10/12-digit code + '-' + an 8-digit number: the only shapes invoiceKey produces.
const INVOICE_KEY = /^(D\d{20}|L(\d{10}|\d{12})-\d{8})$/;

/**
 * Whether a string is a storage key made by {@link invoiceKey} (button values arrive as plain strings).
 * @example isInvoiceKey('D24112000000094149929') // true
 * @example isInvoiceKey('24112000000094149929') // false
 */
export function isInvoiceKey(text: string): boolean {
  return INVOICE_KEY.test(text);
}

/**
 * The inverse of {@link invoiceKey}.
 * @example keyToId('L011002500111-00412345') // { kind: 'legacy', code: '011002500111', number: '00412345' }
 */
export function keyToId(key: string): InvoiceId {
  if (key.startsWith('D')) return { kind: 'digital', number: key.slice(1) };
  // `split` always yields a first element: the `code` default only satisfies the type checker (equivalent mutant).
  const [code = '', number = ''] = key.slice(1).split('-');
  return { kind: 'legacy', code, number };
}

/**
 * How an identifier is shown to people: the 20-digit number, or `code / number`.
 * @example formatId({ kind: 'legacy', code: '011002500111', number: '00412345' }) // '011002500111 / 00412345'
 */
export function formatId(id: InvoiceId): string {
  return id.kind === 'digital' ? id.number : `${id.code} / ${id.number}`;
}
