import type { Disagreement } from '../domain/diagnose.js';
import type { Formatters } from './catalog.js';

/** Both sides of a ledger/tax disagreement as people read them: totals as yuan, issue times in the bot's zone. */
export function showDisagreement(x: Disagreement, f: Formatters): { ours: string; theirs: string } {
  // Escalations saved before totals were typed hold them as strings of fen; Number() reads both.
  if (x.field === 'total') return { ours: f.amount(Number(x.ledger)), theirs: f.amount(Number(x.tax)) };
  if (x.field === 'issuedAt') return { ours: f.time(x.ledger), theirs: f.time(x.tax) };
  return { ours: x.ledger, theirs: x.tax };
}
