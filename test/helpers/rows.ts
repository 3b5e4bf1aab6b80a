import { DEDUCTION_COLUMNS } from '../../src/domain/deduction-row.js';
import { LEDGER_COLUMNS } from '../../src/domain/ledger-row.js';
import { TAX_COLUMNS } from '../../src/domain/tax-row.js';

/** Rows as an async iterable, the shape the importer reads. */
export async function* rowsOf(rows: string[][]): AsyncIterable<string[]> {
  for (const r of rows) yield r;
}

type LedgerOverrides = Partial<Record<(typeof LEDGER_COLUMNS)[number], string>>;

/** A valid ledger row by column name (a 数电 invoice we issued), with named overrides. */
export function ledgerCells(overrides: LedgerOverrides = {}): Record<string, string> {
  return {
    invoice_code: '',
    invoice_number: '',
    digital_number: '26112000000000100001',
    type: '数电发票（普通发票）',
    issued_at: '2026-11-10 09:30:00',
    seller_tax_id: '91110105MA01ABCD5F',
    seller_name: '北京示例科技有限公司',
    buyer_tax_id: '91110108MA04CUTA1M',
    buyer_name: '北京甲客户有限公司',
    amount: '5000.00',
    tax: '300.00',
    total: '5300.00',
    erp_status: 'issued',
    uploaded_at: '',
    requester: 'UEMP1',
    note: '',
    ...overrides,
  };
}

/** A valid ledger row with named overrides, in the CSV's column order. */
export function ledgerRow(overrides: LedgerOverrides = {}): string[] {
  const row = ledgerCells(overrides);
  return LEDGER_COLUMNS.map((c) => row[c] ?? '');
}

/** A valid tax-export row with named overrides. */
export function taxRow(overrides: Partial<Record<(typeof TAX_COLUMNS)[number], string>> = {}): string[] {
  const row: Record<string, string> = {
    序号: '1',
    发票代码: '',
    发票号码: '',
    数电发票号码: '26112000000000100001',
    销方识别号: '91110105MA01ABCD5F',
    销方名称: '北京示例科技有限公司',
    购方识别号: '91110108MA04CUTA1M',
    购买方名称: '北京甲客户有限公司',
    开票日期: '2026-11-10 09:30:00',
    金额: '5000.00',
    税额: '300.00',
    价税合计: '5300.00',
    发票来源: '电子发票服务平台',
    发票票种: '数电发票（普通发票）',
    发票状态: '正常',
    是否正数发票: '是',
    发票风险等级: '正常',
    开票人: '李四',
    备注: '',
    ...overrides,
  };
  return TAX_COLUMNS.map((c) => row[c] ?? '');
}

/**
 * A tax export for the demo data: rows for invoices that were missing — 26112000000000100008 (inside the sync
 * window) and 26112000000000100009 (not synced yet) — and a state change of 26112000000000100001 (正常 → 已红冲).
 */
export function demoTaxUpdate(): string[][] {
  return [
    [...TAX_COLUMNS],
    taxRow({
      数电发票号码: '26112000000000100008',
      开票日期: '2026-11-27 14:30:00',
      金额: '2000.00',
      税额: '120.00',
      价税合计: '2120.00',
    }),
    taxRow({
      数电发票号码: '26112000000000100009',
      开票日期: '2026-11-27 11:00:00',
      金额: '3000.00',
      税额: '180.00',
      价税合计: '3180.00',
    }),
    taxRow({ 数电发票号码: '26112000000000100001', 发票状态: '已红冲' }),
  ];
}

type DeductionOverrides = Partial<Record<(typeof DEDUCTION_COLUMNS)[number], string>>;

/** A valid deduction-selection row by column name (domain-fapiao §7.2: a supplier's invoice to us, not selected). */
export function deductionCells(overrides: DeductionOverrides = {}): Record<string, string> {
  return {
    序号: '1',
    是否勾选: '否',
    数电发票号码: '26312000000000012345',
    开票日期: '2026-11-20 11:37:34',
    金额: '1000.00',
    票面税额: '130.00',
    有效抵扣税额: '130.00',
    购买方识别号: '91110105MA01ABCD5F',
    销售方纳税人名称: '上海示例供应链有限公司',
    销售方纳税人识别号: '91310115MA03JKLM1J',
    发票来源: '电子发票服务平台',
    票种: '数电发票（增值税专用发票）',
    发票状态: '正常',
    红字锁定标志: '未锁定',
    发票风险等级: '正常',
    风险状态: '无风险',
    ...overrides,
  };
}

/** A valid deduction-selection row with named overrides, in the export's column order. */
export function deductionRow(overrides: DeductionOverrides = {}): string[] {
  const row = deductionCells(overrides);
  return DEDUCTION_COLUMNS.map((c) => row[c] ?? '');
}

export { DEDUCTION_COLUMNS, LEDGER_COLUMNS, TAX_COLUMNS };
