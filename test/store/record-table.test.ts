import { describe, expect, it } from 'vitest';
import type { LedgerRecord, TaxRecord } from '../../src/domain/invoice.js';
import { NONE, RecordTable } from '../../src/store/record-table.js';
import { StringTable } from '../../src/store/string-table.js';
import { ledger, tax } from '../helpers/fixtures.js';

const paper = [
  { kind: 'digital' as const, number: '26112000000000100009' },
  { kind: 'legacy' as const, code: '011002600111', number: '10000009' },
];
const { requester: _requester, ...withoutRequester } = ledger({ ids: paper });
const { redOf: _redOf, ...withoutRedOf } = tax();

// The specialised readers name their fields by hand: each must give what the field list gives, key order included,
// for every optional field present and absent — a field added to the list and not to a reader fails here.
describe('RecordTable.read', () => {
  it.each<[string, LedgerRecord | TaxRecord]>([
    [
      'a ledger record with every field',
      ledger({ uploadedAt: '2026-11-10T10:00:00+08:00', history: [{ at: 'x', from: 'a', to: 'b' }] }),
    ],
    ['a ledger record with no optional field and two ids', withoutRequester],
    [
      'a tax record with every field',
      tax({ positive: false, redOf: { kind: 'legacy', code: '011002600111', number: '10000001' } }),
    ],
    ['a tax record with no optional field', withoutRedOf],
  ])('reads %s as the field list does', (_name, record) => {
    const table = new RecordTable(record.source, new StringTable(64), new StringTable());
    const row = table.write(NONE, 0, record);
    expect(Object.keys(table.read(row))).toEqual(Object.keys(table.readFields(row)));
    expect(table.read(row)).toStrictEqual(table.readFields(row));
    expect(table.read(row)).toStrictEqual(record);
    // Read twice: the second read's strings come from the decoded-string cache.
    expect(table.read(row)).toStrictEqual(record);
  });

  it('reads every field the field list names', () => {
    const table = new RecordTable('ledger', new StringTable(64), new StringTable());
    const row = table.write(NONE, 0, ledger({ uploadedAt: '2026-11-10T10:00:00+08:00' }));
    const t = new RecordTable('tax', new StringTable(64), new StringTable());
    const taxRow = t.write(NONE, 0, tax({ redOf: { kind: 'digital', number: '26112000000000100001' } }));
    expect(Object.keys(table.read(row))).toHaveLength(16);
    expect(Object.keys(t.read(taxRow))).toHaveLength(20);
  });
});
