import { describe, expect, it } from 'vitest';
import { evaluateStep, STEP_IDS, stepOf } from '../../src/domain/checklist.js';
import type { Diagnosis } from '../../src/domain/diagnose.js';

const visible: Diagnosis = { cause: 'visible', statusLabel: '正常' };
const record = { day: '2026-11-10', total: 530000, amount: 500000 };

describe('evaluateStep', () => {
  it('marks the step that covers the diagnosis as the likely cause and rules out the others', () => {
    const voided: Diagnosis = { cause: 'voided', statusLabel: '已作废' };
    expect(STEP_IDS.map((s) => evaluateStep(s, voided, {}, record).result)).toEqual([
      'ruled_out',
      'ruled_out',
      'ruled_out',
      'ruled_out',
      'likely',
      'ruled_out',
    ]);
    expect(stepOf(voided)).toBe('status');
  });

  it('asks how the user searched only when the records explain nothing', () => {
    expect(evaluateStep('entry', visible, {}, record).result).toBe('ask');
    expect(evaluateStep('entry', visible, { day: '2026-11-10' }, record).result).toBe('ask');
    expect(evaluateStep('entry', { cause: 'overdue', expectedBy: 'x' }, {}, record).result).toBe('ruled_out');
  });

  it('rules the entry step out when there is no record to compare the search with', () => {
    expect(evaluateStep('entry', visible, {}, undefined)).toEqual({ step: 'entry', result: 'ruled_out' });
  });

  it('asks only at the entry step', () => {
    for (const step of STEP_IDS.filter((s) => s !== 'entry'))
      expect(evaluateStep(step, visible, {}, record)).toEqual({ step, result: 'ruled_out' });
  });

  it('compares the amount before tax that a legacy QR code gives, when there is no total', () => {
    expect(evaluateStep('entry', visible, { day: '2026-11-10', amount: 500000 }, record)).toEqual({
      step: 'entry',
      result: 'ruled_out',
    });
    expect(evaluateStep('entry', visible, { day: '2026-11-10', amount: 530000 }, record)).toEqual({
      step: 'entry',
      result: 'likely',
      mismatch: ['amount'],
    });
  });

  it('names only the fact that differs', () => {
    expect(evaluateStep('entry', visible, { day: '2026-11-10', total: 530001 }, record).mismatch).toEqual(['total']);
    expect(evaluateStep('entry', visible, { day: '2026-11-11', total: 530000 }, record).mismatch).toEqual(['day']);
  });

  it('compares the search with the record', () => {
    expect(evaluateStep('entry', visible, { day: '2026-11-10', total: 530000 }, record)).toEqual({
      step: 'entry',
      result: 'ruled_out',
    });
    expect(evaluateStep('entry', visible, { day: '2026-11-12', total: 530001 }, record)).toEqual({
      step: 'entry',
      result: 'likely',
      mismatch: ['day', 'total'],
    });
  });
});

describe('stepOf', () => {
  // Each cause of the diagnosis (domain-fapiao §4.3) belongs to the walk-through step that checks it.
  it.each<[Diagnosis['cause'], string | undefined]>([
    ['maintenance', 'maintenance'],
    ['sync_window', 'sync'],
    ['not_synced_yet', 'sync'],
    ['overdue', 'sync'],
    ['invalid_id', 'entry'],
    ['not_found', 'entry'],
    ['mismatch', 'entry'],
    ['tax_only', 'entry'],
    ['not_issued', 'issue'],
    ['issue_failed', 'issue'],
    ['upload_failed', 'issue'],
    ['voided', 'status'],
    ['red_reversed', 'status'],
    ['partially_red_reversed', 'status'],
    ['out_of_control', 'status'],
    ['abnormal', 'status'],
    ['wrong_buyer', 'buyer'],
    ['other_region', 'buyer'],
    ['too_old', undefined],
    ['visible', undefined],
  ])('points a %s diagnosis at the %s step', (cause, step) => {
    const diagnosis = { cause } as Diagnosis;
    expect(stepOf(diagnosis)).toBe(step);
    const likely = STEP_IDS.filter((s) => evaluateStep(s, diagnosis, {}, record).result === 'likely');
    expect(likely).toEqual(step ? [step] : []);
  });
});
