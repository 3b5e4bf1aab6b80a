import { describe, expect, it } from 'vitest';
import { formatMoney, formatYuan, parseYuan } from '../../src/domain/money.js';

describe('parseYuan', () => {
  it.each([
    ['1130.00', 113000],
    ['1,130.5', 113050],
    ['-1130.00', -113000],
    ['0.1', 10],
    ['¥88', 8800],
    ['0.29', 29],
  ])('%s → %d fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each(['12.345', 'abc', '', '1e5', '--1'])('rejects %j', (text) => {
    expect(parseYuan(text)).toBeUndefined();
  });

  it('never loses a fen to binary floating point', () => {
    // 0.1 + 0.2 !== 0.3 in floats; in fen it is exact.
    expect((parseYuan('0.10') ?? 0) + (parseYuan('0.20') ?? 0)).toBe(parseYuan('0.30'));
  });
});

describe('formatYuan', () => {
  it.each([
    [113000, '1,130.00'],
    [-565000, '-5,650.00'],
    [5, '0.05'],
  ])('%d → %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });
});

describe('formatMoney', () => {
  it.each([
    [113000, '¥1,130.00'],
    [131000, '¥1,310.00'],
    [-113050, '-¥1,130.50'],
    [5, '¥0.05'],
  ])('%d → %s', (fen, text) => {
    expect(formatMoney(fen)).toBe(text);
  });
});

describe('parseYuan and formatYuan at the edges', () => {
  it('reads a cell with spaces around it', () => {
    expect(parseYuan(' 1,130.50 ')).toBe(113050);
  });

  it('takes ¥ only in front', () => {
    expect(parseYuan('1¥130')).toBeUndefined();
  });

  it('shows zero without a sign', () => {
    expect(formatYuan(0)).toBe('0.00');
  });
});
