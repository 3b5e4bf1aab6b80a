import { describe, expect, it } from 'vitest';
import { invoiceKind, mediumOf } from '../../src/domain/invoice-medium.js';

describe('mediumOf', () => {
  it('calls a paper 数电 invoice paper even when its legacy code has an electronic kind', () => {
    const ids = [
      { kind: 'legacy', code: '011002500111', number: '00412345' },
      { kind: 'digital', number: '26112000000000100001' },
    ] as const;
    expect(mediumOf(ids)).toBe('paper');
    expect(mediumOf([ids[0]])).toBe('electronic');
  });
});

describe('invoiceKind', () => {
  it.each([
    [[{ kind: 'legacy', code: '011002500104', number: '00412345' }], '增值税普通发票', 'paper', false],
    [[{ kind: 'legacy', code: '011002500111', number: '00412345' }], '增值税电子普通发票', 'electronic', false],
    [[{ kind: 'digital', number: '26112000000000100001' }], '数电发票（普通发票）', 'electronic', true],
    [
      [
        { kind: 'legacy', code: '011002500111', number: '00412345' },
        { kind: 'digital', number: '26112000000000100001' },
      ],
      '数电纸质发票（普通发票）',
      'paper',
      true,
    ],
  ] as const)('reads %j (%s) as %s, 数电: %s', (ids, type, medium, digital) => {
    expect(invoiceKind({ ids: [...ids], type })).toEqual({ medium, digital });
  });
});
