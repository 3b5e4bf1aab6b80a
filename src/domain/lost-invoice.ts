import type { Direction } from './direction.js';
import type { Medium } from './invoice-medium.js';

/**
 * Which remedy a lost invoice needs (docs/lost-invoices.md): an electronic one is downloaded again; a paper one we
 * received needs the seller's stamped copy; a paper one we issued needs our stamped copy; a paper one of unknown
 * direction gets both.
 */
export type LostCase = 'electronic' | 'paper_received' | 'paper_issued' | 'paper';

/** What the remedy depends on. */
export type LostFacts = { medium: Medium; direction?: Direction; special: boolean };

/**
 * The remedy case for a lost invoice.
 * @example lostCase({ medium: 'paper', direction: 'received', special: true }) // 'paper_received'
 */
export function lostCase(facts: LostFacts): LostCase {
  if (facts.medium === 'electronic') return 'electronic';
  return facts.direction === 'received' ? 'paper_received' : facts.direction === 'issued' ? 'paper_issued' : 'paper';
}
