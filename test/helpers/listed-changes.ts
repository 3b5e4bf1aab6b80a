import type { KeyList } from '../../src/lib/key-list.js';

/**
 * An import's changes with the keys it touched as an array, in order, for `toEqual` (the list itself holds bytes);
 * undefined stays undefined, for a store without the method asked for.
 * @example expect(listed(await store.importLedger(records, now))).toEqual({ added: 1, …, touched: ['D…'] })
 */
export function listed<T extends { touched: KeyList }>(
  changes: T | undefined,
): (Omit<T, 'touched'> & { touched: string[] }) | undefined {
  return changes && { ...changes, touched: [...changes.touched] };
}
