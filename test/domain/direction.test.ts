import { describe, expect, it } from 'vitest';
import { directionOf } from '../../src/domain/direction.js';

const OURS = ['91110105MA01ABCD5F', '91310115MA0BRNCH2L'];

describe('the direction of an invoice', () => {
  it.each([
    { seller: '91110105MA01ABCD5F', buyer: '91110108MA04CUTA1M', expected: 'issued' },
    { seller: '91310115MA03JKLM1J', buyer: '91110105MA01ABCD5F', expected: 'received' },
    // Our Shanghai branch counts as ours too.
    { seller: '91310115MA03JKLM1J', buyer: '91310115MA0BRNCH2L', expected: 'received' },
    { seller: '91310115MA03JKLM1J', buyer: '91110108MA04CUTA1M', expected: undefined },
  ])('seller $seller, buyer $buyer → $expected', ({ seller, buyer, expected }) => {
    expect(directionOf({ sellerTaxId: seller, buyerTaxId: buyer }, OURS)).toBe(expected);
  });

  it('knows no direction without configured tax ids', () => {
    expect(directionOf({ sellerTaxId: '91110105MA01ABCD5F', buyerTaxId: '' }, [])).toBeUndefined();
  });
});
