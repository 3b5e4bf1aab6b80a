import type { Fen } from './money.js';

/**
 * One row of the platform's deduction-selection export (抵扣类勾选, domain-fapiao §7.2): whether we, the buyer, have
 * selected (勾选) a received invoice for deduction, and whether a pending red-letter form locks it (红字锁定).
 */
export type DeductionRecord = {
  /** The export lists 数电 invoices by their 20-digit number only. */
  id: { kind: 'digital'; number: string };
  /** 是否勾选: selected for deduction in the period the export was taken for. */
  selected: boolean;
  issuedAt: string;
  amount: Fen;
  /** 票面税额: the tax printed on the invoice. */
  tax: Fen;
  /** 有效抵扣税额: the tax that may be deducted. */
  deductibleTax: Fen;
  buyerTaxId: string;
  sellerName: string;
  sellerTaxId: string;
  origin: string;
  type: string;
  /** 发票状态, verbatim. */
  statusLabel: string;
  /** 红字锁定标志: a red-letter confirmation form (红字发票信息确认单) is pending against this invoice. */
  redLocked: boolean;
  /** 发票风险等级 and 风险状态, verbatim: their values are not documented (domain-fapiao §8). */
  risk: string;
  riskStatus: string;
};

/** One deduction-selection import: when, which file, how many rows, and the period (`YYYY-MM`) it was taken for. */
export type DeductionImport = { importedAt: string; file: string; rows: number; period: string };

/** A stored selection: the row as last imported, with the import it came from. */
export type DeductionEntry = { record: DeductionRecord; period: string; importedAt: string; file: string };
