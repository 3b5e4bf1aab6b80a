import { describe, expect, it } from 'vitest';
import { nearVariants } from '../../src/domain/near-match.js';

describe('nearVariants', () => {
  const typed = '26112000000000100061';

  it('includes the adjacent swap', () => {
    expect(nearVariants(typed, 20)).toContainEqual({ digits: '26112000000000100016', how: 'swapped' });
  });

  it('includes every one-digit change', () => {
    expect(nearVariants(typed, 20).filter((v) => v.how === 'one_digit')).toHaveLength(20 * 9);
  });

  it('restores a missing digit and drops an extra one', () => {
    expect(nearVariants('2611200000000010016', 20)).toContainEqual({
      digits: '26112000000000100016',
      how: 'missing_digit',
    });
    expect(nearVariants('261120000000001000166', 20)).toContainEqual({
      digits: '26112000000000100016',
      how: 'extra_digit',
    });
  });

  it('stays small enough to probe an index (no full scan)', () => {
    expect(nearVariants(typed, 20).length).toBeLessThan(250);
    expect(nearVariants('2611200000000010006', 20).length).toBeLessThanOrEqual(210);
  });

  it('never returns the typed string itself', () => {
    expect(nearVariants(typed, 20).some((v) => v.digits === typed)).toBe(false);
  });
});
