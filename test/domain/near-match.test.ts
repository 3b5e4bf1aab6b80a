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

  it.each([
    ['one digit wrong', '1234', '1294', 'one_digit'],
    ['the first digit wrong', '1234', '9234', 'one_digit'],
    ['the last digit wrong', '1234', '1230', 'one_digit'],
    ['the last two digits swapped', '1234', '1243', 'swapped'],
    ['a 9 missing at the end', '1239', '123', 'missing_digit'],
    ['a digit missing in front', '0123', '123', 'missing_digit'],
    ['an extra last digit', '1234', '12345', 'extra_digit'],
  ])('finds the id behind %s', (_, id, typed, how) => {
    expect(nearVariants(typed, id.length)).toContainEqual({ digits: id, how });
  });

  it('lists each candidate once', () => {
    // Inserting a 1 before or after the 1 of '123' gives '1123' both times; so does dropping either 1 of '1123'.
    const missing = nearVariants('123', 4).map((v) => v.digits);
    expect(missing).toHaveLength(4 * 10 - 3);
    expect(new Set(missing).size).toBe(missing.length);
    expect(nearVariants('1123', 3).map((v) => v.digits)).toEqual(['123', '113', '112']);
  });

  it('swaps only adjacent digits that differ', () => {
    expect(
      nearVariants('1123', 4)
        .filter((v) => v.how === 'swapped')
        .map((v) => v.digits),
    ).toEqual(['1213', '1132']);
  });

  it('gives every one-slip candidate and nothing else', () => {
    expect(nearVariants('12', 2)).toHaveLength(18 + 1);
    expect(nearVariants('12', 3)).toHaveLength(3 * 10 - 2);
    expect(nearVariants('123', 2).map((v) => v.digits)).toEqual(['23', '13', '12']);
  });

  it('has nothing for a length two slips away', () => {
    expect(nearVariants('12', 4)).toEqual([]);
  });
});
