import { describe, expect, it } from 'vitest';
import { importSourceOfHeader, importSourceOfName } from '../../src/domain/import-source.js';
import { DEDUCTION_COLUMNS, LEDGER_COLUMNS, TAX_COLUMNS } from '../helpers/rows.js';

describe('importSourceOfName', () => {
  it.each([
    ['ledger-2026-11.csv', 'ledger'],
    ['台账.csv', 'ledger'],
    ['deduction.csv', 'deduction'],
    ['抵扣类勾选.xlsx', 'deduction'],
    ['发票勾选-202611.csv', 'deduction'],
    ['发票基础信息.xlsx', 'tax'],
    ['export.csv', 'tax'],
  ] as const)('%s → %s', (name, source) => {
    expect(importSourceOfName(name)).toBe(source);
  });
});

describe('importSourceOfHeader', () => {
  it('knows each source by its columns, a BOM allowed', () => {
    expect(importSourceOfHeader([`\uFEFF${DEDUCTION_COLUMNS[0]}`, ...DEDUCTION_COLUMNS.slice(1)])).toBe('deduction');
    expect(importSourceOfHeader([...TAX_COLUMNS])).toBe('tax');
    expect(importSourceOfHeader([...LEDGER_COLUMNS].reverse())).toBe('ledger');
  });

  it('names no source for a header that is none of them (the importer then explains the expected one)', () => {
    expect(importSourceOfHeader(['序号', '发票号码'])).toBeUndefined();
    expect(importSourceOfHeader([...TAX_COLUMNS].reverse())).toBeUndefined();
    expect(importSourceOfHeader([])).toBeUndefined();
  });
});
