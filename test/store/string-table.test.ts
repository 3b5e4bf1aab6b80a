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

  it('grows for a big batch in several steps, finding every string between them, and keeps one interned meanwhile', () => {
    const table = new StringTable();
    // 150,000 strings fill more slots than one step rebuilds (a quarter million).
    const texts = Array.from({ length: 150_000 }, (_, i) => `示例客户${i}有限公司`);
    const ids = texts.map((t) => table.intern(t));
    // Room for 600,000 more interned strings: a table of 2M slots, rebuilt a quarter million old slots per step.
    const steps = table.reserveSteps(600_000, 64 * 600_000, 600_000);
    expect(steps.length).toBeGreaterThan(4);
    let late = -1;
    let added = -1;
    for (const [n, step] of steps.entries()) {
      step();
      for (const i of [0, 42, 77_777, 149_999]) {
        expect(table.find(texts[i] as string)).toBe(ids[i]);
        expect(table.get(ids[i] as number)).toBe(texts[i]);
      }
      // After the buffer's copy began, and while the slots are rebuilt.
      if (n === 1) added = table.add('2026-11-25T10:00:00+08:00');
      if (n === steps.length - 2) late = table.intern('在重建途中加入的公司');
    }
    expect(table.get(added)).toBe('2026-11-25T10:00:00+08:00');
    expect(table.find('在重建途中加入的公司')).toBe(late);
    expect(table.intern('示例客户42有限公司')).toBe(ids[42]);
    // The room is there: the next batch needs no more steps.
    expect(table.reserveSteps(500_000, 0, 500_000)).toEqual([]);
  });

  it('reads repeated strings as get does, and forgets them when the table is replaced', () => {
    const table = new StringTable();
    // Ids 0 and 4096 share a slot of the decoded-string cache.
    const ids = Array.from({ length: 4097 }, (_, i) => table.intern(`名称 ${i}`));
    for (const id of [0, 4096, 0, 17, 4096]) expect(table.getRepeated(id)).toBe(table.get(id));
    const other = new StringTable();
    other.intern('another');
    const image = new Map();
    other.saveTo(image, 's');
    table.loadFrom(image, 's');
    expect(table.getRepeated(ids[0] as number)).toBe('another');
  });
});
