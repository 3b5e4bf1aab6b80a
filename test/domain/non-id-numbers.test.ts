import { describe, expect, it } from 'vitest';
import { blankNonIds, isDateLike, nonIdNumbers } from '../../src/domain/non-id-numbers.js';

// The text with each of `parts` replaced by spaces of the same length, as blankNonIds should leave it.
function blanked(text: string, ...parts: string[]): string {
  let out = text;
  for (const part of parts) {
    const at = out.indexOf(part);
    if (at < 0) throw new Error(`${part} is not in ${text}`);
    out = out.slice(0, at) + ' '.repeat(part.length) + out.slice(at + part.length);
  }
  return out;
}

const kept = (text: string) => [text, text] as const;
const cleared = (text: string, ...parts: string[]) => [text, blanked(text, ...parts)] as const;

describe('blankNonIds', () => {
  it.each([
    cleared('开票日期 2026年11月25日 查', '2026年11月25日'),
    cleared('on 2026 年 1 月 5 日', '2026 年 1 月 5 日'),
    cleared('2026年3月2号', '2026年3月2'),
    cleared('date 2026-11-25, ok', '2026-11-25'),
    cleared('2026/1/5 and 2026.11.25', '2026/1/5', '2026.11.25'),
    cleared('at 2026-11-25 10:15 today', '2026-11-25 10:15'),
    cleared('at 2026-11-25T9:05:30 today', '2026-11-25T9:05:30'),
    cleared('at 2026-11-25 10:1 x', '2026-11-25'),
    cleared('at 2026-11-25 10:15:3 x', '2026-11-25 10:15'),
    kept('12026-11-25'),
    kept('2026-11-251'),
    kept('202年11月25日'),
  ])('blanks the date in %j', (text, expected) => {
    expect(blankNonIds(text)).toBe(expected);
  });

  it.each([
    cleared('¥1,130.00 total', '¥1,130.00'),
    cleared('¥ 1130 total', '¥ 1130'),
    cleared('￥-50.5', '￥-50.5'),
    cleared('¥1.25 x', '¥1.25'),
    cleared('1130元', '1130元'),
    cleared('-1,130.50 元', '-1,130.50 元'),
    cleared('1.25元', '1.25元'),
    cleared('99块 and 20 yuan and 15RMB and 8 cny', '99块', '20 yuan', '15RMB', '8 cny'),
    cleared(' total 1130.50 for', '1130.50'),
    cleared('1,130.5', '1,130.5'),
    cleared('-5.25', '-5.25'),
    cleared(' 12.34', '12.34'),
    cleared('金额 1226000 请查', '1226000'),
    cleared('价税合计:1130', '1130'),
    cleared('total 1226000 for', '1226000'),
    cleared('Amount: 1,226,000', '1,226,000'),
    kept('发票 26112000000000100001 金额'),
    kept('0.123'),
    kept('1.2.3'),
    kept(',12.34'),
  ])('blanks the amount in %j', (text, expected) => {
    expect(blankNonIds(text)).toBe(expected);
  });

  it.each([
    cleared('call 13812345678 now', '13812345678'),
    cleared('+86 138-1234-5678', '+86 138-1234-5678'),
    cleared('86 13812345678', '86 13812345678'),
    cleared('+8613812345678', '+8613812345678'),
    cleared('138 1234 5678', '138 1234 5678'),
    kept('12812345678'),
    kept('138123456789'),
    kept('913812345678'),
  ])('blanks the mobile number in %j', (text, expected) => {
    expect(blankNonIds(text)).toBe(expected);
  });

  it.each([
    cleared('tel 010-62345678 ok', '010-62345678'),
    cleared('(010)62345678', '(010)62345678'),
    cleared('(010) 6234 5678', '(010) 6234 5678'),
    cleared('010 62345678', '010 62345678'),
    cleared('01062345678', '01062345678'),
    cleared('021-6234-5678', '021-6234-5678'),
    cleared('0755-2345 6789', '0755-2345 6789'),
    cleared('010-6234567', '010-6234567'),
    cleared('+86 10 6234 5678', '+86 10 6234 5678'),
    cleared('+86-10-62345678', '+86-10-62345678'),
    cleared('+86 (010) 62345678', '+86 (010) 62345678'),
    cleared('010-62345678-8001', '010-62345678-8001'),
    cleared('010-62345678转8001', '010-62345678转8001'),
    cleared('电话 62345678', '62345678'),
    cleared('电话:6234 5678', '6234 5678'),
    cleared('Tel. 6234-5678', '6234-5678'),
    cleared('010-62345678 26112000000000100008', '010-62345678'),
    cleared('26112000000000100008 010-62345678', '010-62345678'),
    kept('01002345678'),
    kept('010623456789'),
    kept('044032500111 00412345'),
    kept('0440 3250 0111 0041 2345'),
    kept('011002500111-00412345'),
    kept('62345678'),
    kept('call 0123-62345678'),
  ])('blanks the landline in %j', (text, expected) => {
    expect(blankNonIds(text)).toBe(expected);
  });

  it.each([
    cleared('buyer 91110105MA01ABCD5F ok', '91110105MA01ABCD5F'),
    cleared('11010880148941A', '11010880148941A'),
    cleared('11010819800101123X00', '11010819800101123X00'),
    cleared('ABCDEFGHIJKLM123456', 'ABCDEFGHIJKLM123456'),
    kept('1101088014894A'),
    kept('11010819800101123X001'),
    cleared('old id 110108801489416 ok', '110108801489416'),
    cleared('440301123456789', '440301123456789'),
    cleared('911101087000000030', '911101087000000030'),
    kept('123456789012345'),
    kept('261120000000001'),
    kept('911101087000000031'),
    kept('211101087000000030'),
    kept('1101081234567890'),
    kept('ABCDEFGHIJKLMN12345'),
  ])('blanks the taxpayer id in %j', (text, expected) => {
    expect(blankNonIds(text)).toBe(expected);
  });

  it('leaves invoice ids where they were', () => {
    const text = '发票 26112000000000100001，开票日期 2026-11-25，金额 ¥1,130.00';
    const out = blankNonIds(text);
    expect(out).toHaveLength(text.length);
    expect(out.indexOf('26112000000000100001')).toBe(text.indexOf('26112000000000100001'));
    expect(out).not.toContain('2026-11-25');
    expect(out).not.toContain('1,130');
  });
});

describe('isDateLike', () => {
  it.each([
    ['20261125', true],
    ['19991231', true],
    ['20260229', false],
    ['20261325', false],
    ['00412345', false],
    ['2026112', false],
    ['202611251', false],
  ])('%s reads as a date: %s', (digits, dateLike) => {
    expect(isDateLike(digits)).toBe(dateLike);
  });
});

describe('nonIdNumbers', () => {
  it.each([
    ['20261125', [{ kind: 'date', text: '20261125' }]],
    ['2026年11月25日', [{ kind: 'date', text: '2026年11月25日' }]],
    [
      '开票日期 2026-11-25 金额 1130元',
      [
        { kind: 'date', text: '2026-11-25' },
        { kind: 'amount', text: '1130元' },
      ],
    ],
    [
      '¥1,130.00 and 122600.00',
      [
        { kind: 'amount', text: '¥1,130.00' },
        { kind: 'amount', text: '122600.00' },
      ],
    ],
    ['电话 138 1234 5678', [{ kind: 'mobile', text: '138 1234 5678' }]],
    ['电话（010）62345678', [{ kind: 'phone', text: '(010)62345678' }]],
    ['税号 110108123456789', [{ kind: 'tax_id', text: '110108123456789' }]],
    ['税号 91110105MA01ABCD5F', [{ kind: 'tax_id', text: '91110105MA01ABCD5F' }]],
    ['２０２６１１２５', [{ kind: 'date', text: '20261125' }]],
    ['20261345 and 26112000000000100001', []],
  ] as const)('reads %j as %j', (text, expected) => {
    expect(nonIdNumbers(text)).toEqual(expected);
  });
});
