import { describe, expect, it } from 'vitest';
import { isValidTaxId, isValidUscc, usccRegion } from '../../src/domain/uscc.js';

describe('isValidUscc', () => {
  it.each(['91110108801489416U', '91110105MA01ABCD5F', '91310115MA03JKLM1J'])('accepts %s', (code) => {
    expect(isValidUscc(code)).toBe(true);
  });

  it('accepts a code whose check character is 0 (the case npm stdnum gets wrong)', () => {
    // Build one: find the 17-char prefix whose check character comes out as 0.
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const found = [...alphabet].map((c) => `9111010880148941${c}`).find((p) => isValidUscc(`${p}0`));
    expect(found).toBeDefined();
  });

  it.each([
    ['a wrong check character', '91110108801489416X'],
    ['17 characters', '91110108801489416'],
    ['an I, which the alphabet leaves out', 'I1110108801489416U'],
    ['an O, which the alphabet leaves out', '9111010880148941OU'],
    // The check character of these two fits the first 17 characters: only the shape rules them out.
    ['a letter in the region digits', '91A101088014894168'],
    ['a character too many in front', '9EW410409M02D3TWR16'],
    ['a character too many after it', '91110108801489416U0'],
    ['lowercase letters', '91110105ma01abcd5f'],
  ])('rejects a code with %s', (_, code) => {
    expect(isValidUscc(code)).toBe(false);
  });
});

describe('isValidTaxId', () => {
  it.each([
    ['', true],
    ['110108801489416', true],
    ['91110108801489416U', true],
    ['91110108801489416X', false],
    ['1234', false],
    ['11010880148941', false],
    ['1101088014894161', false],
    ['11010880148941612', true],
    ['1101088014894161234', false],
    ['11010819800101123X00', true],
    ['11010819800101123X001', false],
  ])('%j → %s', (id, ok) => {
    expect(isValidTaxId(id)).toBe(ok);
  });

  // Only a whole id of a legal length counts, never one inside longer text (domain-fapiao §4.4).
  it.each([
    ['-110108801489416', 'text before a 15-character id'],
    ['110108801489416-', 'text after a 15-character id'],
    ['--11010880148941612', 'text before a 17-character id'],
    ['11010880148941612--', 'text after a 17-character id'],
    ['-11010819800101123X00', 'text before a 20-character id'],
    ['11010819800101123X00-', 'text after a 20-character id'],
    ['A', 'a single character'],
    ['-'.repeat(15), '15 characters that are no letters or digits'],
    ['-'.repeat(17), '17 characters that are no letters or digits'],
    ['-'.repeat(20), '20 characters that are no letters or digits'],
    ['a10108801489416', 'a lowercase letter'],
  ])('rejects %j: %s', (id) => {
    expect(isValidTaxId(id)).toBe(false);
  });
});

describe('usccRegion', () => {
  it('reads the registration region, digits 3–8', () => {
    expect(usccRegion('91110108801489416U')).toBe('110108');
    expect(usccRegion('91310115MA03JKLM1J')).toBe('310115');
  });

  it('has no region for ids that are not 18-character USCCs', () => {
    expect(usccRegion('110108801489416')).toBeUndefined();
    expect(usccRegion('11010819800101123X00')).toBeUndefined();
  });
});
