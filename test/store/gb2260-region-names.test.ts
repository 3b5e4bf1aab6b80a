import { describe, expect, it } from 'vitest';
import { createGb2260RegionNames } from '../../src/store/gb2260-region-names.js';

describe('createGb2260RegionNames', () => {
  const names = createGb2260RegionNames();

  it.each([
    ['310115', '上海市浦东新区'],
    ['110108', '北京市海淀区'],
    ['440305', '广东省深圳市南山区'],
    ['440300', '广东省深圳市'],
    ['110000', '北京市'],
  ])('names %s %s', (code, name) => {
    expect(names(code)).toBe(name);
  });

  it.each(['990101', '31011', 'ABCDEF'])('knows no region %j', (code) => {
    expect(names(code)).toBeUndefined();
  });
});
