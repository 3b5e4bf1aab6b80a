import { describe, expect, it } from 'vitest';
import { DEDUCTION_COLUMNS, parseDeductionRow } from '../../src/domain/deduction-row.js';
import { deductionCells } from '../helpers/rows.js';

const ZONE = 'Asia/Shanghai';

describe('DEDUCTION_COLUMNS', () => {
  it('lists the 抵扣类勾选 export columns in order (domain-fapiao §7.2)', () => {
    expect(DEDUCTION_COLUMNS.join(',')).toBe(
      '序号,是否勾选,数电发票号码,开票日期,金额,票面税额,有效抵扣税额,购买方识别号,销售方纳税人名称,销售方纳税人识别号,发票来源,票种,发票状态,红字锁定标志,发票风险等级,风险状态',
    );
  });
});

describe('parseDeductionRow', () => {
  it('reads a row of the export (the §7.2 sample values) into a record', () => {
    expect(parseDeductionRow(deductionCells(), 2, ZONE)).toEqual({
      ok: true,
      record: {
        id: { kind: 'digital', number: '26312000000000012345' },
        selected: false,
        issuedAt: '2026-11-20T11:37:34+08:00',
        amount: 100000,
        tax: 13000,
        deductibleTax: 13000,
        buyerTaxId: '91110105MA01ABCD5F',
        sellerName: '上海示例供应链有限公司',
        sellerTaxId: '91310115MA03JKLM1J',
        origin: '电子发票服务平台',
        type: '数电发票（增值税专用发票）',
        statusLabel: '正常',
        redLocked: false,
        risk: '正常',
        riskStatus: '无风险',
      },
    });
  });

  it.each([
    { cell: '已锁定', locked: true },
    { cell: '锁定', locked: true },
    { cell: '是', locked: true },
    { cell: '未锁定', locked: false },
    { cell: '否', locked: false },
    { cell: '', locked: false },
  ])('红字锁定标志 “$cell” reads as locked: $locked', ({ cell, locked }) => {
    const parsed = parseDeductionRow(deductionCells({ 红字锁定标志: cell }), 2, ZONE);
    expect(parsed.ok && parsed.record.redLocked).toBe(locked);
  });

  it('是否勾选 是 is selected', () => {
    const parsed = parseDeductionRow(deductionCells({ 是否勾选: '是' }), 2, ZONE);
    expect(parsed.ok && parsed.record.selected).toBe(true);
  });

  it('a seller tax id may be empty; the buyer tax id may not', () => {
    expect(parseDeductionRow(deductionCells({ 销售方纳税人识别号: '' }), 2, ZONE).ok).toBe(true);
    expect(parseDeductionRow(deductionCells({ 购买方识别号: '' }), 5, ZONE)).toEqual({
      ok: false,
      problems: [{ row: 5, column: '购买方识别号', code: 'missing', value: '' }],
    });
  });

  it('collects every problem of a row, each with its row number, column and value', () => {
    const parsed = parseDeductionRow(
      deductionCells({
        是否勾选: 'Y',
        数电发票号码: '2631200000',
        开票日期: '2026-13-40',
        金额: '1,000.001',
        有效抵扣税额: '131.00',
        销售方纳税人识别号: '91310115MA03JKLM1X',
        票种: '',
        红字锁定标志: '待定',
      }),
      7,
      ZONE,
    );
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      { row: 7, column: '数电发票号码', code: 'bad_identifier', value: '2631200000' },
      { row: 7, column: '是否勾选', code: 'bad_flag', value: 'Y' },
      { row: 7, column: '开票日期', code: 'bad_date', value: '2026-13-40' },
      { row: 7, column: '金额', code: 'bad_amount', value: '1,000.001' },
      { row: 7, column: '有效抵扣税额', code: 'deductible_exceeds_tax', value: '131.00' },
      { row: 7, column: '销售方纳税人识别号', code: 'bad_tax_id', value: '91310115MA03JKLM1X' },
      { row: 7, column: '票种', code: 'missing', value: '' },
      { row: 7, column: '红字锁定标志', code: 'bad_lock_flag', value: '待定' },
    ]);
  });

  it('a red invoice with negative tax passes when its deductible tax is within the face tax', () => {
    const cells = deductionCells({ 金额: '-1000.00', 票面税额: '-130.00', 有效抵扣税额: '0.00' });
    expect(parseDeductionRow(cells, 2, ZONE).ok).toBe(true);
  });

  it('does not mutate the cells it reads', () => {
    const cells = deductionCells();
    const before = structuredClone(cells);
    parseDeductionRow(cells, 2, ZONE);
    expect(cells).toEqual(before);
  });
});

describe('parseDeductionRow, unreadable face tax', () => {
  it('does not also call the deductible tax too large when the face tax cannot be read', () => {
    const parsed = parseDeductionRow(deductionCells({ 票面税额: 'abc' }), 3, ZONE);
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      { row: 3, column: '票面税额', code: 'bad_amount', value: 'abc' },
    ]);
  });
});
