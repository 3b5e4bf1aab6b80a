import type { DeductionRecord } from './deduction-record.js';
import { RowReader } from './row-fields.js';
import type { RowProblem } from './row-problem.js';

/** The deduction-selection export's columns (抵扣类勾选, domain-fapiao §7.2), in the exact order the export has them. */
export const DEDUCTION_COLUMNS = [
  '序号',
  '是否勾选',
  '数电发票号码',
  '开票日期',
  '金额',
  '票面税额',
  '有效抵扣税额',
  '购买方识别号',
  '销售方纳税人名称',
  '销售方纳税人识别号',
  '发票来源',
  '票种',
  '发票状态',
  '红字锁定标志',
  '发票风险等级',
  '风险状态',
] as const;

// The platform writes 已锁定 / 未锁定 (§7.2 sample: 未锁定); 是 / 否 are accepted as the same yes/no. An empty cell is
// "not locked": the column is optional in the export.
const LOCKED = new Set(['已锁定', '锁定', '是']);
const UNLOCKED = new Set(['未锁定', '否', '']);

/**
 * Turns one row of the deduction-selection export into a record, or the list of what is wrong with it. The starred
 * columns of the export (是否勾选, 开票日期, 金额, 票面税额, 有效抵扣税额, 购买方识别号, 票种) and the 数电 number
 * are required; 有效抵扣税额 may not exceed 票面税额.
 * @example parseDeductionRow(cells, 2, 'Asia/Shanghai').ok // true for a valid row
 */
export function parseDeductionRow(
  cells: Record<string, string>,
  row: number,
  zone: string,
): { ok: true; record: DeductionRecord } | { ok: false; problems: RowProblem[] } {
  const r = new RowReader(cells, row, zone);
  const number = r.required('数电发票号码');
  if (number && !/^\d{20}$/.test(number)) r.fail('数电发票号码', 'bad_identifier');
  const flag = r.required('是否勾选');
  if (flag && flag !== '是' && flag !== '否') r.fail('是否勾选', 'bad_flag');
  const issuedAt = r.time('开票日期');
  const amount = r.amount('金额');
  const before = r.problems.length;
  const tax = r.amount('票面税额');
  const deductibleTax = r.amount('有效抵扣税额');
  if (r.problems.length === before && Math.abs(deductibleTax) > Math.abs(tax))
    r.fail('有效抵扣税额', 'deductible_exceeds_tax');
  const buyerTaxId = r.taxId('购买方识别号', false);
  const sellerTaxId = r.taxId('销售方纳税人识别号', true);
  const type = r.required('票种');
  const lock = r.text('红字锁定标志');
  if (!LOCKED.has(lock) && !UNLOCKED.has(lock)) r.fail('红字锁定标志', 'bad_lock_flag');
  if (r.problems.length > 0 || !issuedAt) return { ok: false, problems: r.problems };
  return {
    ok: true,
    record: {
      id: { kind: 'digital', number },
      selected: flag === '是',
      issuedAt,
      amount,
      tax,
      deductibleTax,
      buyerTaxId,
      sellerName: r.text('销售方纳税人名称'),
      sellerTaxId,
      origin: r.text('发票来源'),
      type,
      statusLabel: r.text('发票状态'),
      redLocked: LOCKED.has(lock),
      risk: r.text('发票风险等级'),
      riskStatus: r.text('风险状态'),
    },
  };
}
