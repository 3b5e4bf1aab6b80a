import { describe, expect, it } from 'vitest';
import { parseYuan } from '../../src/domain/money.js';
import { RowReader } from '../../src/domain/row-fields.js';

const ZONE = 'Asia/Shanghai';
const reader = (cells: Record<string, string>) => new RowReader(cells, 4, ZONE);
const problemsOf = (r: RowReader) => r.problems.map((p) => `${p.column}:${p.code}:${p.value}`);

describe('RowReader', () => {
  it('reads a cell trimmed, and an absent cell as empty', () => {
    const r = reader({ name: '  北京示例 ' });
    expect(r.text('name')).toBe('北京示例');
    expect(r.text('other')).toBe('');
  });

  it('records a missing required cell with its row and column', () => {
    const r = reader({ name: '   ' });
    expect(r.required('name')).toBe('');
    expect(r.problems).toEqual([{ row: 4, column: 'name', code: 'missing', value: '' }]);
  });

  it.each([
    '0',
    '-0',
    '7',
    '-1130.5',
    '1130.05',
    '007.1',
    '9999999999999.99',
    '1,130.50',
    '¥12',
    ' 3 ',
    '1.',
    '1.234',
    '+5',
    '-',
    '.5',
    '12a',
    '10000000000000',
  ])('reads the amount %j as parseYuan does', (cell) => {
    const r = reader({ amount: cell });
    const fen = r.amount('amount');
    const expected = parseYuan(cell.trim());
    expect(Object.is(fen, expected ?? 0)).toBe(true);
    expect(r.problems.length).toBe(expected === undefined ? 1 : 0);
  });

  describe('time', () => {
    it('stores a wall-clock time as local ISO 8601', () => {
      const r = reader({ at: '2026-03-02 10:15:00' });
      expect(r.time('at')).toBe('2026-03-02T10:15:00+08:00');
      expect(r.problems).toEqual([]);
    });

    it('names an unreadable time', () => {
      const r = reader({ at: 'soon' });
      expect(r.time('at')).toBeUndefined();
      expect(problemsOf(r)).toEqual(['at:bad_date:soon']);
    });

    it('needs a time unless it is optional', () => {
      const r = reader({});
      expect(r.time('at', true)).toBeUndefined();
      expect(r.problems).toEqual([]);
      expect(r.time('at')).toBeUndefined();
      expect(problemsOf(r)).toEqual(['at:missing:']);
    });
  });

  describe('amount', () => {
    it('reads yuan into fen', () => {
      const r = reader({ a: '1,130.50' });
      expect(r.amount('a')).toBe(113050);
      expect(r.problems).toEqual([]);
    });

    it('names a bad amount and reads it as 0', () => {
      const r = reader({ a: '12.345' });
      expect(r.amount('a')).toBe(0);
      expect(problemsOf(r)).toEqual(['a:bad_amount:12.345']);
    });

    it('names a missing amount once, as missing', () => {
      const r = reader({});
      expect(r.amount('a')).toBe(0);
      expect(problemsOf(r)).toEqual(['a:missing:']);
    });
  });

  describe('taxId', () => {
    it('reads a tax id in capitals', () => {
      const r = reader({ id: '91110105ma01abcd5f' });
      expect(r.taxId('id', false)).toBe('91110105MA01ABCD5F');
      expect(r.problems).toEqual([]);
    });

    it('names a tax id whose check character is wrong', () => {
      const r = reader({ id: '91110105MA01ABCD5X' });
      expect(r.taxId('id', false)).toBe('91110105MA01ABCD5X');
      expect(problemsOf(r)).toEqual(['id:bad_tax_id:91110105MA01ABCD5X']);
    });

    it('allows an empty optional tax id (an ordinary invoice to a person), but not an empty required one', () => {
      const r = reader({});
      expect(r.taxId('buyer', true)).toBe('');
      expect(r.problems).toEqual([]);
      r.taxId('seller', false);
      expect(problemsOf(r)).toEqual(['seller:missing:']);
    });
  });

  describe('ids', () => {
    const ids = (cells: Record<string, string>) => {
      const r = reader(cells);
      return { ids: r.ids('code', 'number', 'digital'), problems: problemsOf(r) };
    };

    it('reads a 数电 number', () => {
      expect(ids({ digital: '26112000000000100001' })).toEqual({
        ids: [{ kind: 'digital', number: '26112000000000100001' }],
        problems: [],
      });
    });

    it.each(['011002500111', '1100164160'])('reads the legacy code %s with its number', (code) => {
      expect(ids({ code, number: '00412345' })).toEqual({
        ids: [{ kind: 'legacy', code, number: '00412345' }],
        problems: [],
      });
    });

    it('reads both ids of a paper 数电 invoice', () => {
      expect(ids({ code: '011002500111', number: '00412345', digital: '26112000000000100001' }).ids).toEqual([
        { kind: 'digital', number: '26112000000000100001' },
        { kind: 'legacy', code: '011002500111', number: '00412345' },
      ]);
    });

    it.each([
      [{ digital: '2611200000000010000' }, ['digital:bad_identifier:2611200000000010000']],
      [{ digital: '2611200000000010000X' }, ['digital:bad_identifier:2611200000000010000X']],
      [{ digital: 'x26112000000000100001' }, ['digital:bad_identifier:x26112000000000100001']],
      [{ code: '011002500111' }, ['number:missing:']],
      [{ number: '00412345' }, ['code:missing:']],
      [{ code: '01100250011', number: '00412345' }, ['code:bad_identifier:01100250011']],
      [{ code: '11001641601', number: '00412345' }, ['code:bad_identifier:11001641601']],
      [{ code: 'x1100164160', number: '00412345' }, ['code:bad_identifier:x1100164160']],
      [{ code: '011002500111x', number: '00412345' }, ['code:bad_identifier:011002500111x']],
      [{ code: '011002500111', number: '0041234' }, ['number:bad_identifier:0041234']],
      [{ code: '011002500111', number: 'x00412345' }, ['number:bad_identifier:x00412345']],
      [{ code: '011002500111', number: '004123456' }, ['number:bad_identifier:004123456']],
      [{ code: '011002500111', number: '00000000' }, ['number:bad_identifier:00000000']],
      [{}, ['digital:missing:']],
    ])('names what is wrong with %j and reads no id from it', (cells, problems) => {
      expect(ids(cells)).toEqual({ ids: [], problems });
    });

    it('accepts a number with zeros that is not all zeros', () => {
      expect(ids({ code: '011002500111', number: '00000010' }).problems).toEqual([]);
    });
  });

  describe('totals', () => {
    const totals = (amount: string, tax: string, total: string) => {
      const r = reader({ amount, tax, total });
      return { value: r.totals('amount', 'tax', 'total'), problems: problemsOf(r) };
    };

    it('accepts 金额 + 税额 = 价税合计 to the fen, red invoices included', () => {
      expect(totals('1000.00', '130.00', '1130.00')).toEqual({
        value: { amount: 100000, tax: 13000, total: 113000 },
        problems: [],
      });
      expect(totals('-1000.00', '-130.00', '-1130.00').problems).toEqual([]);
    });

    it('names a total that is off by a fen', () => {
      expect(totals('1000.00', '130.00', '1130.01').problems).toEqual(['total:total_mismatch:1130.01']);
    });

    it('does not add a mismatch to a bad amount', () => {
      expect(totals('1000.00', 'x', '1130.00').problems).toEqual(['tax:bad_amount:x']);
    });

    it('checks the total even when the row already had other problems', () => {
      const r = reader({ amount: '1', tax: '1', total: '3' });
      r.required('name');
      r.totals('amount', 'tax', 'total');
      expect(problemsOf(r)).toEqual(['name:missing:', 'total:total_mismatch:3']);
    });
  });
});
