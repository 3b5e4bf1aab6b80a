import { describe, expect, it } from 'vitest';
import { isCalendarDay, readQrPayloads } from '../../src/domain/qr-payload.js';

// domain-fapiao §1.5: a 数电 payload (no code, total with tax) and a legacy one (code + number, amount before tax).
const DIGITAL = '01,32,,25432000000031411143,655.00,20250311,,19E3';
const LEGACY = '01,10,044001500111,81966722,173.79,20170524,17884534745749991611,BE2D';

describe('readQrPayloads', () => {
  it('reads a 数电 payload as one invoice with its total with tax and its issue day', () => {
    expect(readQrPayloads(DIGITAL)).toEqual([
      {
        id: { kind: 'digital', number: '25432000000031411143' },
        facts: { day: '2025-03-11', amount: 65500, taxIncluded: true },
        start: 0,
        end: DIGITAL.length,
      },
    ]);
  });

  it('reads a legacy payload with its amount before tax, the check code being part of it', () => {
    expect(readQrPayloads(LEGACY)).toEqual([
      {
        id: { kind: 'legacy', code: '044001500111', number: '81966722' },
        facts: { day: '2017-05-24', amount: 17379, taxIncluded: false },
        start: 0,
        end: LEGACY.length,
      },
    ]);
  });

  it('reads a legacy payload with a 10-digit code', () => {
    const text = '01,01,1100164160,12345678,1000,20161201,,A1B2';
    expect(readQrPayloads(text)[0]).toMatchObject({
      id: { kind: 'legacy', code: '1100164160', number: '12345678' },
      facts: { amount: 100000 },
    });
  });

  it('says where in the text the payload sits', () => {
    const text = `扫码结果：${DIGITAL} 谢谢`;
    expect(readQrPayloads(text)).toMatchObject([{ start: 5, end: 5 + DIGITAL.length }]);
  });

  it('reads a payload typed with spaces around the commas, up to its end', () => {
    const text = '01 , 32 , , 25432000000031411143 , 655.00 , 20250311 , , 19E3';
    expect(readQrPayloads(text)).toMatchObject([
      { id: { kind: 'digital', number: '25432000000031411143' }, start: 0, end: text.length },
    ]);
  });

  it('reads a payload that stops after the check code', () => {
    const text = '01,32,,25432000000031411143,655.00,20250311,';
    expect(readQrPayloads(text)).toMatchObject([{ end: text.length }]);
  });

  it('finds every payload in a text', () => {
    expect(readQrPayloads(`${DIGITAL}\n${LEGACY}`).map((p) => p.id.kind)).toEqual(['digital', 'legacy']);
  });

  it.each([
    ['an impossible issue day', '01,32,,25432000000031411143,655.00,20250230,,19E3'],
    ['an amount too large to be money', '01,32,,25432000000031411143,12345678901234.00,20250311,,19E3'],
    ['a code with a 20-digit number', '01,32,011002500111,25432000000031411143,655.00,20250311,,19E3'],
    ['an 8-digit number without a code', '01,10,,81966722,173.79,20170524,,BE2D'],
    ['digits before it', `1${DIGITAL}`],
  ])('reads nothing from a payload with %s', (_, text) => {
    expect(readQrPayloads(text)).toEqual([]);
  });
});

describe('isCalendarDay', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['1990-01-01', true],
    ['1995-05-05', true],
    ['1989-12-31', false],
    ['2099-12-31', true],
    ['2100-01-01', false],
    ['x2026-01-01', false],
    ['2026-01-01x', false],
    ['2026-1-01', false],
  ])('%s is a calendar day: %s', (day, ok) => {
    expect(isCalendarDay(day)).toBe(ok);
  });
});
