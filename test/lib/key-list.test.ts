import { describe, expect, it } from 'vitest';
import { KeyList } from '../../src/lib/key-list.js';

const key = (i: number) => `D2611200${String(i).padStart(13, '0')}`;

describe('KeyList', () => {
  it('keeps keys in order, repeats included, and answers size, at and has', () => {
    const keys = KeyList.of(['D1', 'L0110025001044', 'D1', '']);
    expect(keys.size).toBe(4);
    expect([...keys]).toEqual(['D1', 'L0110025001044', 'D1', '']);
    expect(keys.at(1)).toBe('L0110025001044');
    expect(keys.has('D1')).toBe(true);
    expect(keys.has('')).toBe(true);
    expect(keys.has('D')).toBe(false);
    expect(keys.has('D12')).toBe(false);
    expect(() => keys.at(4)).toThrow(RangeError);
    expect(() => keys.at(-1)).toThrow(RangeError);
  });

  it('is empty when new, and answers no key', () => {
    const keys = new KeyList();
    expect(keys.size).toBe(0);
    expect([...keys]).toEqual([]);
    expect(keys.has('D1')).toBe(false);
  });

  it('refuses a key too long for it, and holds nothing of it', () => {
    const keys = KeyList.of(['D1']);
    expect(() => keys.push('x'.repeat(1 << 20))).toThrow(RangeError);
    expect([...keys]).toEqual(['D1']);
  });

  it('holds a hundred thousand keys, across chunks and decoding runs, and finds each after growing', () => {
    // Two megabytes of keys: more than one chunk, so keys lie in several and runs stop at a chunk's end.
    const keys = new KeyList();
    const all = Array.from({ length: 100_000 }, (_, i) => key(i));
    // `has` asked before and after the list grows: the index must take in what was appended since.
    for (const [i, k] of all.entries()) {
      keys.push(k);
      if (i % 9_999 === 0) expect(keys.has(k)).toBe(true);
    }
    expect(keys.size).toBe(all.length);
    expect([...keys]).toEqual(all);
    expect(all.every((k) => keys.has(k))).toBe(true);
    expect(keys.has(key(100_000))).toBe(false);
  });

  it('holds keys that are not ASCII as they were given', () => {
    const keys = KeyList.of(['发票1', 'D2', '发票1', 'é']);
    expect([...keys]).toEqual(['发票1', 'D2', '发票1', 'é']);
    expect(keys.at(0)).toBe('发票1');
    expect(keys.has('发票1')).toBe(true);
    expect(keys.has('发票')).toBe(false);
  });

  it('splits a joined text without a string per key, and takes no key from an empty one', () => {
    const keys = KeyList.split(`${key(1)},${key(2)},${key(1)}`, ',');
    expect([...keys]).toEqual([key(1), key(2), key(1)]);
    expect(keys.at(2)).toBe(key(1));
    expect(keys.has(key(2))).toBe(true);
    expect(keys.has(`${key(1)},`)).toBe(false);
    expect(KeyList.split('', ',').size).toBe(0);
    expect([...KeyList.split('发票,D2', ',')]).toEqual(['发票', 'D2']);
    expect(() => KeyList.split('a;b', ';;')).toThrow(/one ASCII character/);
  });

  it('adds the keys of another list it does not hold yet, each once', () => {
    const ledger = KeyList.of([key(1), key(2), key(3)]);
    const tax = KeyList.split(`${key(3)},${key(4)},${key(4)}`, ',');
    // Sized for the six keys it may take, so its index never grows meanwhile.
    const union = new KeyList(6);
    const added = [];
    for (const list of [ledger, tax]) for (let i = 0; i < list.size; i++) added.push(union.addFrom(list, i));
    expect(added).toEqual([true, true, true, false, true, false]);
    expect([...union]).toEqual([key(1), key(2), key(3), key(4)]);
    expect(union.has(key(4))).toBe(true);
    expect(KeyList.of(['发票']).addFrom(KeyList.of(['发票']), 0)).toBe(false);
  });
});
