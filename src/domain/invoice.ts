import type { InvoiceId } from './identifier.js';
import type { Fen } from './money.js';
import type { ErpStatus, TaxStatus } from './status.js';

/** One change of state seen between two imports, kept so people can see how an invoice moved. */
export type StatusChange = { at: string; from: string; to: string };

/** Fields both record sources share. Times are ISO 8601 with the bot's offset. */
export type InvoiceFacts = {
  ids: InvoiceId[];
  type: string;
  issuedAt: string;
  sellerTaxId: string;
  sellerName: string;
  buyerTaxId: string;
  buyerName: string;
  amount: Fen;
  tax: Fen;
  total: Fen;
  note: string;
  history: StatusChange[];
};

/** What the company's own records (the ERP ledger) say about an invoice. */
export type LedgerRecord = InvoiceFacts & {
  source: 'ledger';
  erpStatus: ErpStatus;
  uploadedAt?: string;
  requester?: string;
};

/** What the e-tax bureau's 发票基础信息 export says about an invoice. */
export type TaxRecord = InvoiceFacts & {
  source: 'tax';
  status: TaxStatus;
  statusLabel: string;
  origin: string;
  positive: boolean;
  risk: string;
  issuer: string;
  redOf?: InvoiceId;
};

/** Both sides of one invoice as the bot knows them. */
export type InvoicePair = { ledger?: LedgerRecord; tax?: TaxRecord };

/** A range of issue dates (inclusive, `YYYY-MM-DD` in the bot's time zone) that one tax import covered. */
export type Coverage = { from: string; to: string; importedAt: string; file: string; rows: number };

/**
 * True when the invoice is a 数电 one (electronic or paper), which reaches the tax system at issue time.
 * @example isDigital({ ids: [{ kind: 'digital', number: '2411…' }] } as InvoiceFacts) // true
 */
export function isDigital(facts: Pick<InvoiceFacts, 'ids'>): boolean {
  return facts.ids.some((id) => id.kind === 'digital');
}
