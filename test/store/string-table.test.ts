import { describe, expect, it } from 'vitest';
import { StringTable } from '../../src/store/string-table.js';

describe('StringTable', () => {
  it('gives equal strings one id when interned, and a new id when added', () => {
    const table = new StringTable();
    const a = table.intern('北京示例科技有限公司');
    expect(table.intern('北京示例科技有限公司')).toBe(a);
    expect(table.find('北京示例科技有限公司')).toBe(a);
    const added = table.add('北京示例科技有限公司');
    expect(added).not.toBe(a);
    expect(table.get(added)).toBe('北京示例科技有限公司');
    expect(table.find('上海')).toBe(-1);
    expect(table.size).toBe(2);
  });

  it('returns every string exactly after growing far past its first buffers', () => {
    const table = new StringTable();
    const texts = Array.from({ length: 20_000 }, (_, i) => `客户${i}-${'x'.repeat(i % 50)}`);
    const ids = texts.map((t, i) => (i % 2 === 0 ? table.intern(t) : table.add(t)));
    expect(ids.map((id) => table.get(id))).toEqual(texts);
    // Interned strings are still found after the hash table was rebuilt many times.
    expect(texts.filter((_, i) => i % 2 === 0).every((t, i) => table.find(t) === ids[i * 2])).toBe(true);
  });

  it('keeps the empty string, very long strings and characters outside the BMP', () => {
    const table = new StringTable();
    const long = '有限公司'.repeat(100_000);
    const rare = '𠀀𪚥 Café 😀';
    const ids = ['', long, rare].map((t) => table.intern(t));
    expect(ids.map((id) => table.get(id))).toEqual(['', long, rare]);
    expect(table.intern(rare)).toBe(ids[2]);
    // Hash collisions between different strings never merge them.
    expect(new Set(['Aa', 'BB', 'C#'].map((t) => table.intern(t))).size).toBe(3);
  });
});
