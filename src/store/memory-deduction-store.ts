import type { DeductionStore } from '../ports.js';
import { applySelections, type Selections } from './apply-selections.js';

/** Deduction selections in memory: the tests' and the demo's store, and the state the file adapter keeps loaded. */
export function createMemoryDeductionStore(
  initial: Selections = { entries: new Map(), imports: [] },
  persist: (next: Selections) => Promise<void> = async () => {},
): DeductionStore {
  let state = initial;
  return {
    get: async (key) => state.entries.get(key),
    all: async () => [...state.entries.values()],
    async importSelections(records, source, now) {
      const { next, changes } = applySelections(state, records, source, now);
      // Written first, swapped after: a failed write leaves both the file and what the bot answers unchanged.
      await persist(next);
      state = next;
      return changes;
    },
    lastImport: async () => state.imports.at(-1),
  };
}
