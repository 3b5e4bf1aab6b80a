import type { Cause, Diagnosis } from './diagnose.js';

/** The troubleshooting steps, each covering some of the diagnosis's causes. */
export const STEP_IDS = ['maintenance', 'sync', 'entry', 'issue', 'status', 'buyer'] as const;
export type StepId = (typeof STEP_IDS)[number];

/** ✅ ruled out, ⚠️ the likely cause, ❓ the bot needs the user's input to decide. */
export type StepResult = 'ruled_out' | 'likely' | 'ask';

const COVERS: Record<StepId, readonly Cause[]> = {
  maintenance: ['maintenance'],
  sync: ['sync_window', 'not_synced_yet', 'overdue'],
  entry: ['invalid_id', 'not_found', 'mismatch', 'tax_only'],
  issue: ['not_issued', 'issue_failed', 'upload_failed'],
  status: ['voided', 'red_reversed', 'partially_red_reversed', 'red_invoice', 'out_of_control', 'abnormal'],
  buyer: ['wrong_buyer', 'other_region'],
};

/**
 * What the user told the entry step about how they searched the tax system, or what the invoice's QR code says:
 * the total with tax (数电) or, from a legacy QR code, the amount before tax.
 */
/**
 * How the user searches the tax system: the issue day and the total (or, from a legacy QR code, the amount before
 * tax). `qr` is set when the values were read from a QR code the user sent rather than typed as answers.
 */
export type EntryAnswers = { day?: string; total?: number; amount?: number; qr?: true };

/** What one step found. `mismatch` lists the facts the user searched with that differ from the record. */
export type StepOutcome = { step: StepId; result: StepResult; mismatch?: Array<'day' | 'total' | 'amount'> };

/**
 * Evaluates one step from the diagnosis (already computed from the records) and, for the entry step, from what the
 * user said they searched with. A step is certain when the data decides it; only the entry step of an invoice whose
 * records explain nothing needs the user's input.
 * @example evaluateStep('sync', { cause: 'sync_window', expectedBy: '…' }, {}, undefined).result // 'likely'
 */
export function evaluateStep(
  step: StepId,
  diagnosis: Diagnosis,
  answers: EntryAnswers,
  record: { day: string; total: number; amount: number } | undefined,
): StepOutcome {
  if (COVERS[step].includes(diagnosis.cause)) return { step, result: 'likely' };
  // Only when the records explain nothing is it worth asking how the user searched the tax system.
  if (step !== 'entry' || !record || stepOf(diagnosis) !== undefined) return { step, result: 'ruled_out' };
  if (answers.day === undefined || (answers.total === undefined && answers.amount === undefined))
    return { step, result: 'ask' };
  const mismatch: Array<'day' | 'total' | 'amount'> = [];
  if (answers.day !== record.day) mismatch.push('day');
  if (answers.total !== undefined && answers.total !== record.total) mismatch.push('total');
  if (answers.amount !== undefined && answers.amount !== record.amount) mismatch.push('amount');
  return mismatch.length > 0 ? { step, result: 'likely', mismatch } : { step, result: 'ruled_out' };
}

/**
 * The step the diagnosis points at, so a walk-through can say early where it expects to end.
 * @example stepOf({ cause: 'voided', statusLabel: '已作废' }) // 'status'
 */
export function stepOf(diagnosis: Diagnosis): StepId | undefined {
  return STEP_IDS.find((s) => COVERS[s].includes(diagnosis.cause));
}
