import { describe, expect, it } from 'vitest';
import { MASKED_AMOUNT, maskTaxId } from '../../src/domain/mask.js';

describe('maskTaxId', () => {
  it.each([
    ['an 18-character USCC', '91110105MA01ABCD5F', '911101**********5F'],
    ['a 15-digit legacy tax registration number', '110108123456789', '110108*******89'],
    ['a 20-character id', '11010819800101123X00', '110108************00'],
    ['a 9-character id', 'ABCDEFGHJ', 'ABCDEF*HJ'],
  ])('keeps the region (first six) and the last two characters of %s', (_, id, masked) => {
    expect(maskTaxId(id)).toBe(masked);
  });

  // Keeping six plus two characters of an id of eight or fewer would show all of it.
  it.each(['', '1', '123456', '1234567', '12345678'])('hides every character of the short id %j', (id) => {
    expect(maskTaxId(id)).toBe('*'.repeat(id.length));
  });

  it('keeps the length, so a masked id still looks like the id it hides', () => {
    for (const id of ['91110105MA01ABCD5F', '110108123456789', 'ABCDEFGHJ'])
      expect(maskTaxId(id)).toHaveLength(id.length);
  });
});

describe('MASKED_AMOUNT', () => {
  it('reads as a hidden amount in yuan and gives away no digit', () => {
    expect(MASKED_AMOUNT).toMatch(/^¥\s*\S+$/);
    expect(MASKED_AMOUNT).not.toMatch(/\d/);
  });
});
