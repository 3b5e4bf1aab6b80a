import type { Coverage, InvoiceFacts, LedgerRecord, TaxRecord } from '../../src/domain/invoice.js';
import { DiagnosisSettings } from '../../src/domain/settings.js';

/** Our company's USCC in every fixture. */
export const US = '91110105MA01ABCD5F';
/** A customer. */
export const CUSTOMER_A = '91110108MA04CUTA1M';
/** Another customer. */
export const CUSTOMER_B = '91110106MA05CUTB2F';
/** Our Shanghai branch. */
export const BRANCH = '91310115MA0BRNCH2L';

/** Settings as the demo uses them. */
export const settings = DiagnosisSettings.parse({ companyTaxIds: [US, BRANCH] });

// The facts both sides of the fixture invoice agree on.
const FACTS: InvoiceFacts = {
  ids: [{ kind: 'digital', number: '26112000000000100001' }],
  type: '数电发票（普通发票）',
  issuedAt: '2026-11-10T09:30:00+08:00',
  sellerTaxId: US,
  sellerName: '北京示例科技有限公司',
  buyerTaxId: CUSTOMER_A,
  buyerName: '北京甲客户有限公司',
  amount: 500000,
  tax: 30000,
  total: 530000,
  note: '',
  history: [],
};

/** A ledger record for a 数电 invoice we issued; override any field. */
export function ledger(overrides: Partial<LedgerRecord> = {}): LedgerRecord {
  return {
    ...structuredClone(FACTS),
    source: 'ledger',
    erpStatus: 'issued',
    requester: 'UEMP',
    ...overrides,
  };
}

/** The tax-system record matching {@link ledger}; override any field. */
export function tax(overrides: Partial<TaxRecord> = {}): TaxRecord {
  return {
    ...structuredClone(FACTS),
    source: 'tax',
    status: 'normal',
    statusLabel: '正常',
    origin: '电子发票服务平台',
    positive: true,
    risk: '正常',
    issuer: '李四',
    ...overrides,
  };
}

/** A tax import covering the given issue days. */
export function coverage(from: string, to: string, importedAt = '2026-11-27T00:30:00.000Z'): Coverage {
  return { from, to, importedAt, file: 'tax.csv', rows: 10 };
}
