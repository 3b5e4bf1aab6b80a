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
