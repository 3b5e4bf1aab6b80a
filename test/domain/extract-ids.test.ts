import { describe, expect, it } from 'vitest';
import { extractIds } from '../../src/domain/extract-ids.js';

const now = new Date('2026-11-27T07:00:00Z');

describe('extractIds', () => {
  it.each([
    ['where is invoice 24112000000094149929?', { kind: 'digital', number: '24112000000094149929' }],
    ['发票 24112000000094149929 怎么在系统里查不到', { kind: 'digital', number: '24112000000094149929' }],
    ['２４１１２０００００００９４１４９９２９', { kind: 'digital', number: '24112000000094149929' }],
    ['2411 2000 0000 9414 9929', { kind: 'digital', number: '24112000000094149929' }],
    ['2411-2000-0000-9414-9929', { kind: 'digital', number: '24112000000094149929' }],
    ['代码011002500111，号码00412345', { kind: 'legacy', code: '011002500111', number: '00412345' }],
    ['011002500111 00412345', { kind: 'legacy', code: '011002500111', number: '00412345' }],
    ['number 00412345 code 011002500111', { kind: 'legacy', code: '011002500111', number: '00412345' }],
    ['1100164160 12345678', { kind: 'legacy', code: '1100164160', number: '12345678' }],
  ])('finds the id in %j', (text, id) => {
    const mentions = extractIds(text, now);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]?.id).toEqual(id);
    expect(mentions[0]?.problems).toEqual([]);
  });

  it('finds several ids in one message, in order', () => {
    const ids = extractIds('26312000000000012345 and 011002500111/00412345 and 26112000000000100001', now).map(
      (m) => m.id,
    );
    expect(ids).toEqual([
      { kind: 'digital', number: '26312000000000012345' },
      { kind: 'legacy', code: '011002500111', number: '00412345' },
      { kind: 'digital', number: '26112000000000100001' },
    ]);
  });

  it('ignores dates and small numbers', () => {
    expect(extractIds('issued 2026-11-27 for 1130.00 yuan, 3 days ago', now)).toEqual([]);
  });

  it.each([
    ['1234567890123', 'wrong_length'],
    ['011002500111', 'code_without_number'],
    ['00412345', 'number_without_code'],
    ['26002000000000100001', 'unknown_region'],
    ['29112000000000100001', 'future_year'],
    ['011002500199 00412345', 'unknown_kind'],
    ['011002500111 00000000', 'all_zero_number'],
  ])('explains what is wrong with %s', (text, code) => {
    const [mention] = extractIds(text, now);
    expect(mention?.problems.map((p) => p.code)).toContain(code);
  });

  it('does not mutate its input', () => {
    const text = '２４１１２０００００００９４１４９９２９';
    extractIds(text, now);
    expect(text).toBe('２４１１２０００００００９４１４９９２９');
  });
});

describe('extractIds: numbers that are not invoice ids', () => {
  it.each([
    ['开票日期 20261125，发票查不到'],
    ['issued on 2026-11-25 10:15'],
    ['2026年11月25日开的票'],
    ['请打我手机 13800138000'],
    ['call +86 138 0013 8000'],
    ['金额 1130元'],
    ['total ¥1,130.00'],
    ['价税合计 122600.00'],
    ['购方税号 91110105MA01ABCD5F'],
    ['tax id 91310115MA03JKLM1J please'],
    ['postcode 100080'],
  ])('finds nothing to explain in %j', (text) => {
    expect(extractIds(text, now)).toEqual([]);
  });

  it('reads an id next to a date, an amount, a mobile number and a tax id', () => {
    const mentions = extractIds(
      '发票 26112000000000100008，2026年11月25日开具，价税合计 ¥1,130.00，购方 91110105MA01ABCD5F，电话 13800138000',
      now,
    );
    expect(mentions.map((m) => m.id)).toEqual([{ kind: 'digital', number: '26112000000000100008' }]);
    expect(mentions[0]?.problems).toEqual([]);
  });

  it('still explains a digit run that looks like an attempt at an id', () => {
    expect(extractIds('发票 2611200000000010008 查不到', now)[0]?.problems.map((p) => p.code)).toEqual([
      'wrong_length',
    ]);
  });
});

describe('extractIds: QR-code payloads', () => {
  it('reads a 数电 payload as one invoice with its total and issue day', () => {
    const mentions = extractIds('扫码结果：01,32,,26112000000000100008,565.00,20261127,,19E3', now);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]?.id).toEqual({ kind: 'digital', number: '26112000000000100008' });
    expect(mentions[0]?.qr).toEqual({ day: '2026-11-27', amount: 56500, taxIncluded: true });
  });

  it('reads a legacy payload with full-width commas, and never looks its check code up', () => {
    const mentions = extractIds('01，10，044001500111，81966722，173.79，20170524，17884534745749991611，BE2D', now);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]?.id).toEqual({ kind: 'legacy', code: '044001500111', number: '81966722' });
    expect(mentions[0]?.qr).toEqual({ day: '2017-05-24', amount: 17379, taxIncluded: false });
  });
});

describe('extractIds: how digit runs are split and paired', () => {
  const ids = (text: string) => extractIds(text, now).map((m) => m.id ?? m.problems[0]?.code);

  it('reads a code and a number typed side by side, either way round, showing the code first', () => {
    expect(extractIds('00412345 011002500111', now)).toEqual([
      {
        raw: '011002500111 00412345',
        id: { kind: 'legacy', code: '011002500111', number: '00412345' },
        problems: [],
      },
    ]);
  });

  it('places a legacy id where its first half was typed', () => {
    expect(ids('00412345 26112000000000100001 011002500111')).toEqual([
      { kind: 'legacy', code: '011002500111', number: '00412345' },
      { kind: 'digital', number: '26112000000000100001' },
    ]);
  });

  it('splits ids typed one after another with single spaces, keeping their order', () => {
    expect(ids('011002500111 00412345 26112000000000100001')).toEqual([
      { kind: 'legacy', code: '011002500111', number: '00412345' },
      { kind: 'digital', number: '26112000000000100001' },
    ]);
    expect(ids('24112000000094149929 25432000000031411143')).toEqual([
      { kind: 'digital', number: '24112000000094149929' },
      { kind: 'digital', number: '25432000000031411143' },
    ]);
  });

  it('reads a code, a number and a stray digit as one run of the wrong length', () => {
    expect(extractIds('011002500111 00412345 1', now)).toEqual([
      {
        raw: '011002500111004123451',
        problems: [{ code: 'wrong_length', digits: '011002500111004123451', length: 21 }],
      },
    ]);
  });

  it('joins groups that are no id on their own', () => {
    expect(ids('12 345 678 901')).toEqual(['wrong_length']);
  });

  it('pairs each code with the nearest number not taken yet', () => {
    expect(ids('00412345 开票 ------ 011002500111 12345678')).toEqual([
      'number_without_code',
      { kind: 'legacy', code: '011002500111', number: '12345678' },
    ]);
    expect(ids('011002500111 00412345, 1100164160')).toEqual([
      { kind: 'legacy', code: '011002500111', number: '00412345' },
      'code_without_number',
    ]);
    expect(ids('011002500111 00412345, 1100164160 12345678')).toEqual([
      { kind: 'legacy', code: '011002500111', number: '00412345' },
      { kind: 'legacy', code: '1100164160', number: '12345678' },
    ]);
  });

  it('explains a run of seven digits, and ignores shorter ones', () => {
    expect(extractIds('1234567', now)).toEqual([
      { raw: '1234567', problems: [{ code: 'wrong_length', digits: '1234567', length: 7 }] },
    ]);
    expect(extractIds('123456', now)).toEqual([]);
  });

  it('skips a hyphenated date only when it is a whole date', () => {
    expect(ids('2026-11-27')).toEqual([]);
    expect(ids('12026-11-27')).toEqual(['wrong_length']);
    expect(ids('2026-11-271')).toEqual(['wrong_length']);
  });
});
