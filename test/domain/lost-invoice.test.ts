import { describe, expect, it } from 'vitest';
import { directionOf } from '../../src/domain/direction.js';
import type { InvoiceId } from '../../src/domain/identifier.js';
import { isSpecialType, mediumOf } from '../../src/domain/invoice-medium.js';
import { type LostFacts, lostCase } from '../../src/domain/lost-invoice.js';

const digital = (number: string): InvoiceId => ({ kind: 'digital', number });
const legacy = (code: string, number = '00000001'): InvoiceId => ({ kind: 'legacy', code, number });

describe('directionOf', () => {
  it.each([
    [{ sellerTaxId: 'US', buyerTaxId: 'THEM' }, ['US'], 'issued'],
    [{ sellerTaxId: 'THEM', buyerTaxId: 'US' }, ['US'], 'received'],
    [{ sellerTaxId: 'A', buyerTaxId: 'B' }, ['US'], undefined],
    [{ sellerTaxId: 'A', buyerTaxId: 'B' }, [], undefined],
  ] as const)('%o with our ids %o → %s', (facts, ids, expected) => {
    expect(directionOf(facts, ids)).toBe(expected);
  });
});

describe('mediumOf', () => {
  it.each([
    [[digital('26112000000000100001')], '数电发票（普通发票）', 'electronic'],
    [[digital('26112000000000100001')], '', 'electronic'],
    [[digital('26112000000000100001'), legacy('011002600104')], '', 'paper'],
    [[digital('26112000000000100001')], '纸质发票（增值税专用发票）', 'paper'],
    [[legacy('1100254130')], '', 'paper'],
    [[legacy('011002600104')], '', 'paper'],
    [[legacy('011002500111')], '', 'electronic'],
    [[legacy('011002500113')], '', 'electronic'],
    [[legacy('011002600104')], '增值税电子普通发票', 'electronic'],
  ] as const)('%o (%s) → %s', (ids, type, expected) => {
    expect(mediumOf(ids, type)).toBe(expected);
  });

  it('does not mutate its input', () => {
    const ids = [legacy('1100254130')];
    mediumOf(ids);
    expect(ids).toEqual([legacy('1100254130')]);
  });
});

describe('isSpecialType', () => {
  it.each([
    ['数电发票（增值税专用发票）', true],
    ['增值税专用发票', true],
    ['增值税普通发票', false],
    ['数电发票（普通发票）', false],
  ])('%s → %s', (type, expected) => {
    expect(isSpecialType(type)).toBe(expected);
  });
});

describe('lostCase', () => {
  it.each<[LostFacts, string]>([
    [{ medium: 'electronic', direction: 'received', special: true }, 'electronic'],
    [{ medium: 'electronic', direction: 'issued', special: false }, 'electronic'],
    [{ medium: 'paper', direction: 'received', special: true }, 'paper_received'],
    [{ medium: 'paper', direction: 'issued', special: false }, 'paper_issued'],
    [{ medium: 'paper', special: false }, 'paper'],
  ])('%o → %s', (facts, expected) => {
    expect(lostCase(facts)).toBe(expected);
  });
});
