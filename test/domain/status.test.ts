import { describe, expect, it } from 'vitest';
import { ERP_STATUSES, parseErpStatus, parseTaxStatus, TAX_STATUSES } from '../../src/domain/status.js';

describe('parseErpStatus', () => {
  it.each(ERP_STATUSES)('accepts the English status %s as it is', (status) => {
    expect(parseErpStatus(status)).toBe(status);
  });

  it('knows exactly the seven ERP states of the ledger', () => {
    expect([...ERP_STATUSES].sort()).toEqual(
      ['issue_failed', 'issued', 'issuing', 'pending_review', 'red_reversed', 'upload_failed', 'voided'].sort(),
    );
  });

  // domain-fapiao §3.4: the ERP labels a ledger export carries.
  it.each([
    ['待审核', 'pending_review'],
    ['开票中', 'issuing'],
    ['开票成功', 'issued'],
    ['开票失败', 'issue_failed'],
    ['上传失败', 'upload_failed'],
    ['已作废', 'voided'],
    ['已红冲', 'red_reversed'],
  ])('reads the Chinese label %s as %s', (label, status) => {
    expect(parseErpStatus(label)).toBe(status);
  });

  it('ignores spaces around the value', () => {
    expect(parseErpStatus('  issued ')).toBe('issued');
    expect(parseErpStatus(' 开票成功\t')).toBe('issued');
  });

  it.each(['', 'Issued', 'done', '开票', 'constructor', 'toString'])('does not know %j', (text) => {
    expect(parseErpStatus(text)).toBeUndefined();
  });
});

describe('parseTaxStatus', () => {
  // domain-fapiao §3.1: the legacy and 数电 status labels of the 发票基础信息 export.
  it.each([
    ['正常', 'normal'],
    ['作废', 'voided'],
    ['已作废', 'voided'],
    ['红冲', 'red_reversed'],
    ['已红冲', 'red_reversed'],
    ['全额红冲', 'red_reversed'],
    ['部分红冲', 'partially_red_reversed'],
    ['失控', 'out_of_control'],
    ['异常', 'abnormal'],
    ['认证异常', 'abnormal'],
  ])('reads %s as %s', (label, status) => {
    expect(parseTaxStatus(label)).toBe(status);
  });

  it('maps onto the normalised statuses and no others', () => {
    expect([...TAX_STATUSES].sort()).toEqual(
      ['abnormal', 'normal', 'out_of_control', 'partially_red_reversed', 'red_reversed', 'voided'].sort(),
    );
  });

  it('ignores spaces around the label', () => {
    expect(parseTaxStatus(' 正常 ')).toBe('normal');
  });

  it.each(['', 'normal', '红', '待开具', 'constructor', '__proto__'])('does not know %j', (label) => {
    expect(parseTaxStatus(label)).toBeUndefined();
  });
});
