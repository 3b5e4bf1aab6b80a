import { describe, expect, it } from 'vitest';
import { parseTaxRow, TAX_COLUMNS } from '../../src/domain/tax-row.js';

const ZONE = 'Asia/Shanghai';

// Row 1 of domain-fapiao §7.4: a 数电 special invoice a Shanghai supplier issued to us.
function cells(overrides: Partial<Record<(typeof TAX_COLUMNS)[number], string>> = {}): Record<string, string> {
  return {
    序号: '1',
    发票代码: '',
    发票号码: '',
    数电发票号码: '26312000000000012345',
    销方识别号: '91310115MA03JKLM1J',
    销方名称: '上海示例供应链有限公司',
    购方识别号: '91110105MA01ABCD5F',
    购买方名称: '北京示例科技有限公司',
    开票日期: '2026-03-02 10:15:00',
    金额: '1000.00',
    税额: '130.00',
    价税合计: '1130.00',
    发票来源: '电子发票服务平台',
    发票票种: '数电发票（增值税专用发票）',
    发票状态: '正常',
    是否正数发票: '是',
    发票风险等级: '正常',
    开票人: '王五',
    备注: '',
    ...overrides,
  };
}

// Row 2 of §7.4: the red invoice reversing row 1.
const RED = {
  数电发票号码: '26312000000000012399',
  开票日期: '2026-03-05 16:40:12',
  金额: '-1000.00',
  税额: '-130.00',
  价税合计: '-1130.00',
  是否正数发票: '否',
};

describe('TAX_COLUMNS', () => {
  it('lists the 发票基础信息 export columns A–S in order (domain-fapiao §7.1)', () => {
    expect(TAX_COLUMNS.join(',')).toBe(
      '序号,发票代码,发票号码,数电发票号码,销方识别号,销方名称,购方识别号,购买方名称,开票日期,金额,税额,价税合计,发票来源,发票票种,发票状态,是否正数发票,发票风险等级,开票人,备注',
    );
  });
});

describe('parseTaxRow', () => {
  it('reads a row of the export into a tax record', () => {
    expect(parseTaxRow(cells({ 备注: '项目A' }), 2, ZONE)).toEqual({
      ok: true,
      record: {
        source: 'tax',
        ids: [{ kind: 'digital', number: '26312000000000012345' }],
        type: '数电发票（增值税专用发票）',
        issuedAt: '2026-03-02T10:15:00+08:00',
        sellerTaxId: '91310115MA03JKLM1J',
        sellerName: '上海示例供应链有限公司',
        buyerTaxId: '91110105MA01ABCD5F',
        buyerName: '北京示例科技有限公司',
        amount: 100000,
        tax: 13000,
        total: 113000,
        status: 'normal',
        statusLabel: '正常',
        origin: '电子发票服务平台',
        positive: true,
        risk: '正常',
        issuer: '王五',
        note: '项目A',
        history: [],
      },
    });
  });

  it('keeps the verbatim status label beside the normalised status', () => {
    expect(parseTaxRow(cells({ 发票状态: '全额红冲' }), 2, ZONE)).toMatchObject({
      ok: true,
      record: { status: 'red_reversed', statusLabel: '全额红冲' },
    });
  });

  it('links a red invoice to the blue 数电 invoice its note names', () => {
    const note = '被红冲蓝字数电发票号码：26312000000000012345 红字发票信息确认单编号：1100000000000001';
    expect(parseTaxRow(cells({ ...RED, 备注: note }), 3, ZONE)).toMatchObject({
      ok: true,
      record: { positive: false, total: -113000, redOf: { kind: 'digital', number: '26312000000000012345' } },
    });
  });

  it.each([
    ['对应蓝字发票代码：011002500111 号码：00412345', '011002500111', '00412345'],
    ['发票代码:1100164160,号码:12345678', '1100164160', '12345678'],
  ])('links a red invoice to the legacy blue invoice in %j', (note, code, number) => {
    expect(parseTaxRow(cells({ ...RED, 备注: note }), 3, ZONE)).toMatchObject({
      ok: true,
      record: { redOf: { kind: 'legacy', code, number } },
    });
  });

  it('links nothing when the note of a red invoice names no blue one', () => {
    const result = parseTaxRow(cells({ ...RED, 备注: '销货退回' }), 3, ZONE);
    expect(result.ok && result.record).not.toHaveProperty('redOf');
  });

  it('reads no link from the note of a blue invoice', () => {
    const result = parseTaxRow(cells({ 备注: '蓝字发票号码：26312000000000012399' }), 3, ZONE);
    expect(result.ok && result.record).not.toHaveProperty('redOf');
  });

  it.each([
    [{ 发票状态: '待定' }, '发票状态', 'bad_status', '待定'],
    [{ 发票状态: '' }, '发票状态', 'missing', ''],
    [{ 是否正数发票: 'Y' }, '是否正数发票', 'bad_flag', 'Y'],
    [{ 是否正数发票: '' }, '是否正数发票', 'missing', ''],
  ])('refuses %j, naming the row, column and value', (overrides, column, code, value) => {
    expect(parseTaxRow(cells(overrides), 9, ZONE)).toEqual({ ok: false, problems: [{ row: 9, column, code, value }] });
  });

  it('refuses a row whose issue time is unreadable', () => {
    expect(parseTaxRow(cells({ 开票日期: '2026-02-30' }), 9, ZONE)).toEqual({
      ok: false,
      problems: [{ row: 9, column: '开票日期', code: 'bad_date', value: '2026-02-30' }],
    });
  });
});
