import { describe, expect, it } from 'vitest';
import { mediumOf } from '../../src/domain/invoice-medium.js';

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
