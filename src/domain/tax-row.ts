import type { InvoiceId } from './identifier.js';
import type { TaxRecord } from './invoice.js';
import { type FactColumns, RowReader } from './row-fields.js';
import type { RowProblem } from './row-problem.js';
import { parseTaxStatus } from './status.js';

/** The e-tax bureau's 「发票基础信息」 export columns A–S, in the exact order the export has them. */
export const TAX_COLUMNS = [
  '序号',
  '发票代码',
  '发票号码',
  '数电发票号码',
  '销方识别号',
  '销方名称',
  '购方识别号',
  '购买方名称',
  '开票日期',
  '金额',
  '税额',
  '价税合计',
  '发票来源',
  '发票票种',
  '发票状态',
  '是否正数发票',
  '发票风险等级',
  '开票人',
  '备注',
] as const;

// Red invoices name the blue one they reverse in 备注, e.g. "被红冲蓝字数电发票号码：26312000000000012345".
const RED_DIGITAL = /蓝字(?:数电)?发票号码[:：]?\s*(\d{20})/;
const RED_LEGACY = /(?:蓝字)?发票代码[:：]?\s*(\d{10}|\d{12})\D{0,8}?号码[:：]?\s*(\d{8})/;

const COLUMNS: FactColumns = {
  code: '发票代码',
  number: '发票号码',
  digital: '数电发票号码',
  type: '发票票种',
  issuedAt: '开票日期',
  sellerTaxId: '销方识别号',
  sellerName: '销方名称',
  buyerTaxId: '购方识别号',
  buyerName: '购买方名称',
  amount: '金额',
  tax: '税额',
  total: '价税合计',
};

function redReference(note: string): InvoiceId | undefined {
  const d = RED_DIGITAL.exec(note);
  if (d?.[1]) return { kind: 'digital', number: d[1] };
  const l = RED_LEGACY.exec(note);
  return l?.[1] && l[2] ? { kind: 'legacy', code: l[1], number: l[2] } : undefined;
}

/**
 * Turns one row of the tax export into a record, or the list of what is wrong with it.
 * @example parseTaxRow(cells, 2, 'Asia/Shanghai').ok // true for a valid row
 */
export function parseTaxRow(
  cells: Record<string, string>,
  row: number,
  zone: string,
): { ok: true; record: TaxRecord } | { ok: false; problems: RowProblem[] } {
  const r = new RowReader(cells, row, zone);
  const { issuedAt, ...facts } = r.facts(COLUMNS);
  const statusLabel = r.required('发票状态');
  const status = parseTaxStatus(statusLabel);
  if (statusLabel && !status) r.fail('发票状态', 'bad_status');
  const flag = r.required('是否正数发票');
  if (flag && flag !== '是' && flag !== '否') r.fail('是否正数发票', 'bad_flag');
  if (r.problems.length > 0 || !issuedAt || !status) return { ok: false, problems: r.problems };
  const note = r.text('备注');
  const redOf = flag === '否' ? redReference(note) : undefined;
  return {
    ok: true,
    record: {
      source: 'tax',
      ...facts,
      issuedAt,
      status,
      statusLabel,
      origin: r.text('发票来源'),
      positive: flag === '是',
      risk: r.text('发票风险等级'),
      issuer: r.text('开票人'),
      note,
      history: [],
      ...(redOf ? { redOf } : {}),
    },
  };
}
