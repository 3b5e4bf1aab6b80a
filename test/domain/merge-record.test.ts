import { describe, expect, it } from 'vitest';
import { mergeRecord } from '../../src/domain/merge-record.js';
import { ledger, tax } from '../helpers/fixtures.js';

const NOW = new Date('2026-11-27T01:00:00Z');

describe('mergeRecord', () => {
  it('adds a record it has not seen', () => {
    const incoming = ledger();
    expect(mergeRecord(undefined, incoming, NOW)).toEqual({ record: incoming, change: 'added' });
  });

  it('changes nothing when the same row is imported again', () => {
    const stored = ledger({ history: [{ at: '2026-11-20T00:00:00.000Z', from: 'issuing', to: 'issued' }] });
    const result = mergeRecord(stored, ledger(), NOW);
    expect(result.change).toBe('unchanged');
    expect(result.record).toBe(stored);
  });

  it('treats a record read back with its keys in another order as the same', () => {
    const stored = ledger();
    const reordered = Object.fromEntries(Object.entries(ledger()).reverse()) as typeof stored;
    expect(mergeRecord(stored, reordered, NOW).change).toBe('unchanged');
  });

  it('appends a new ERP status to the ledger history instead of overwriting it', () => {
    const earlier = { at: '2026-11-20T00:00:00.000Z', from: 'issuing', to: 'issued' };
    const stored = ledger({ erpStatus: 'issued', history: [earlier] });
    const result = mergeRecord(stored, ledger({ erpStatus: 'red_reversed' }), NOW);
    expect(result).toEqual({
      change: 'changed',
      record: ledger({
        erpStatus: 'red_reversed',
        history: [earlier, { at: '2026-11-27T01:00:00.000Z', from: 'issued', to: 'red_reversed' }],
      }),
    });
  });

  it('keeps the tax system’s verbatim status label in the history', () => {
    const stored = tax({ status: 'voided', statusLabel: '作废' });
    const result = mergeRecord(stored, tax({ status: 'voided', statusLabel: '已作废' }), NOW);
    expect(result.change).toBe('changed');
    expect(result.record.history).toEqual([{ at: '2026-11-27T01:00:00.000Z', from: '作废', to: '已作废' }]);
  });

  it('takes other new facts without inventing a status change', () => {
    const earlier = { at: '2026-11-20T00:00:00.000Z', from: '正常', to: '失控' };
    const stored = tax({ status: 'out_of_control', statusLabel: '失控', history: [earlier] });
    const incoming = tax({ status: 'out_of_control', statusLabel: '失控', buyerName: '北京乙客户有限公司' });
    const result = mergeRecord(stored, incoming, NOW);
    expect(result.change).toBe('changed');
    expect(result.record).toEqual({ ...incoming, history: [earlier] });
  });

  it('does not change the stored record', () => {
    const stored = ledger({ erpStatus: 'issuing' });
    const copy = structuredClone(stored);
    mergeRecord(stored, ledger({ erpStatus: 'issued', note: 'done' }), NOW);
    expect(stored).toEqual(copy);
  });
});
