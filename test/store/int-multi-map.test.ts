import { describe, expect, it } from 'vitest';
import { IntMultiMap } from '../../src/store/int-multi-map.js';

describe('IntMultiMap', () => {
  it('lists the values under a key newest first, without duplicates', () => {
    const map = new IntMultiMap();
    map.add(20_261_110, 1);
    map.add(20_261_110, 2);
    map.add(20_261_110, 2);
    map.add(20_261_110, 1);
    map.add(7, 3);
    expect(map.get(20_261_110)).toEqual([1, 2]);
    expect(map.get(7)).toEqual([3]);
    expect(map.get(8)).toEqual([]);
    expect(map.has(7)).toBe(true);
    expect(map.has(8)).toBe(false);
    expect(map.allKeys().sort((a, b) => a - b)).toEqual([7, 20_261_110]);
  });

  it('keeps amounts beyond 32 bits and negative ones apart', () => {
    const map = new IntMultiMap();
    const keys = [2 ** 32, 2 ** 32 + 1, -530_000, 530_000, 9_007_199_254_740_991];
    for (const [i, k] of keys.entries()) map.add(k, i);
    expect(keys.map((k) => map.get(k))).toEqual([[0], [1], [2], [3], [4]]);
  });

  it('finds every key after growing past its first tables', () => {
    const map = new IntMultiMap();
    for (let i = 0; i < 50_000; i++) map.add(i % 10_000, i);
    expect(map.size(9_999)).toBe(5);
    expect(map.get(9_999)).toEqual([49_999, 39_999, 29_999, 19_999, 9_999]);
    expect(map.allKeys()).toHaveLength(10_000);
  });

  it('grows for a big batch in several steps, answering between them, and keeps a value added meanwhile', () => {
    const map = new IntMultiMap();
    // 150,000 keys fill more slots than one step rebuilds (a quarter million).
    for (let k = 0; k < 150_000; k++) map.add(k * 1_000_003, k);
    const steps = map.reserveSteps(600_000, 0);
    // Start, half of the old 512k slots, the other half and the swap.
    expect(steps.length).toBe(3);
    for (const [n, step] of steps.entries()) {
      step();
      expect(map.get(43 * 1_000_003)).toEqual([43]);
      expect(map.has(149_999 * 1_000_003)).toBe(true);
      if (n === 1) map.add(42 * 1_000_003, 7);
    }
    expect(map.get(42 * 1_000_003)).toEqual([7, 42]);
    expect(map.allKeys().length).toBe(150_000);
    expect(map.reserveSteps(500_000, 0)).toEqual([]);
  });
});
