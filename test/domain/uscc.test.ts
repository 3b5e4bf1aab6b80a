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

  it.each(['91110108801489416X', '91110108801489416', 'I1110108801489416U', '9111010880148941OU'])(
    'rejects %s',
    (code) => {
      expect(isValidUscc(code)).toBe(false);
    },
  );
});

describe('isValidTaxId', () => {
  it.each([
    ['', true],
    ['110108801489416', true],
    ['91110108801489416U', true],
    ['91110108801489416X', false],
    ['1234', false],
  ])('%j → %s', (id, ok) => {
    expect(isValidTaxId(id)).toBe(ok);
  });

  it('reads the registration region', () => {
    expect(usccRegion('91110108801489416U')).toBe('110108');
  });
});
