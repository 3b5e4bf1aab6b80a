import { describe, expect, it } from 'vitest';
import {
  DigitalNumber,
  formatId,
  InvoiceCode,
  type InvoiceId,
  InvoiceNumber,
  invoiceKey,
  isInvoiceKey,
  keyToId,
} from '../../src/domain/identifier.js';

const DIGITAL: InvoiceId = { kind: 'digital', number: '24112000000094149929' };
const LEGACY_12: InvoiceId = { kind: 'legacy', code: '011002500111', number: '00412345' };
const LEGACY_10: InvoiceId = { kind: 'legacy', code: '1100164160', number: '12345678' };

describe('DigitalNumber', () => {
  it('accepts a 20-digit 数电 number', () => {
    expect(DigitalNumber.safeParse('24112000000094149929').success).toBe(true);
  });

  it.each([
    ['19 digits', '2411200000009414992'],
    ['21 digits', '241120000000941499291'],
    ['a letter inside', '2411200000009414992X'],
    ['a leading space', ' 24112000000094149929'],
    ['text after the number', '24112000000094149929 x'],
    ['text before the number', 'x 24112000000094149929'],
  ])('rejects %s', (_, text) => {
    expect(DigitalNumber.safeParse(text).success).toBe(false);
  });
});

describe('InvoiceCode', () => {
  it.each(['1100164160', '011002500111'])('accepts the legacy code %s (10 or 12 digits)', (code) => {
    expect(InvoiceCode.safeParse(code).success).toBe(true);
  });

  it.each(['110016416', '11001641601', '0110025001110', '01100250011X', ' 1100164160', '1100164160 ', 'x011002500111'])(
    'rejects %j',
    (code) => {
      expect(InvoiceCode.safeParse(code).success).toBe(false);
    },
  );
});

describe('InvoiceNumber', () => {
  it('accepts an 8-digit 发票号码', () => {
    expect(InvoiceNumber.safeParse('00412345').success).toBe(true);
  });

  it.each(['0041234', '004123456', '0041234X', ' 00412345', '00412345 '])('rejects %j', (number) => {
    expect(InvoiceNumber.safeParse(number).success).toBe(false);
  });
});

describe('invoiceKey', () => {
  it('keys 数电 and legacy ids apart, so a 20-digit number never collides with a code + number', () => {
    expect(invoiceKey(DIGITAL)).toBe('D24112000000094149929');
    expect(invoiceKey(LEGACY_12)).toBe('L011002500111-00412345');
  });

  it.each([DIGITAL, LEGACY_12, LEGACY_10])('is undone by keyToId for %o', (id) => {
    expect(keyToId(invoiceKey(id))).toEqual(id);
  });
});

describe('keyToId', () => {
  it('reads a legacy key into its code and number', () => {
    expect(keyToId('L011002500111-00412345')).toEqual(LEGACY_12);
  });

  it('reads a 数电 key into its number', () => {
    expect(keyToId('D24112000000094149929')).toEqual(DIGITAL);
  });

  it('gives empty parts, never undefined, for a legacy key without a number', () => {
    expect(keyToId('L011002500111')).toEqual({ kind: 'legacy', code: '011002500111', number: '' });
    expect(keyToId('L')).toEqual({ kind: 'legacy', code: '', number: '' });
  });
});

describe('formatId', () => {
  it('shows a 数电 id as its 20 digits and a legacy id as code / number', () => {
    expect(formatId(DIGITAL)).toBe('24112000000094149929');
    expect(formatId(LEGACY_12)).toBe('011002500111 / 00412345');
  });
});

describe('isInvoiceKey', () => {
  it.each(['D24112000000094149929', 'L011002500111-00412345', 'L1100164160-12345678'])('accepts the key %s', (key) => {
    expect(isInvoiceKey(key)).toBe(true);
  });

  it.each([
    'D2411200000009414992',
    'D241120000000941499290',
    'D2411200000009414992X',
    'L011002500111-0041234',
    'L011002500111-0041234X',
    'L01100250011-00412345',
    'L11001641601-00412345',
    'L01100250011X-00412345',
    'L0110025001X-00412345',
    'xD24112000000094149929',
    'D24112000000094149929x',
    'L011002500111-00412345x',
    '24112000000094149929',
  ])('refuses %j', (key) => {
    expect(isInvoiceKey(key)).toBe(false);
  });
});
