import { describe, expect, it } from 'vitest';
import { isDigital } from '../../src/domain/invoice.js';

describe('isDigital', () => {
  it.each([
    ['an electronic 数电 invoice', [{ kind: 'digital', number: '26112000000000100001' }], true],
    [
      'a paper 数电 invoice, which carries a code and number too',
      [
        { kind: 'legacy', code: '011002600111', number: '10000009' },
        { kind: 'digital', number: '26112000000000100001' },
      ],
      true,
    ],
    ['a legacy 税控 invoice', [{ kind: 'legacy', code: '011002600111', number: '10000009' }], false],
  ] as const)('%s reaches the tax system at issue time: %s', (_, ids, digital) => {
    expect(isDigital({ ids: [...ids] })).toBe(digital);
  });
});
