import { describe, expect, it } from 'vitest';
import { codeProblems, digitalProblems, numberProblems } from '../../src/domain/id-problems.js';

const NOW = new Date('2026-11-27T07:00:00Z');

// GB/T 2260 provinces, autonomous regions and municipalities (domain-fapiao §1.2, §1.4).
const PROVINCES = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
];
// Two-digit prefixes that are no province.
const NOT_PROVINCES = ['00', '10', '16', '20', '24', '30', '38', '40', '47', '49', '55', '60', '66', '71', '81', '88'];
// 计划单列市: Dalian, Ningbo, Xiamen, Qingdao, Shenzhen keep their own 4-digit codes.
const PLAN_CITIES = ['2102', '3302', '3502', '3702', '4403'];

// A 10-digit code: region, year `26`, batch `4`, kind, copies `6`, version `0`.
const code10 = (region: string, kind = '1', yy = '26') => `${region}${yy}4${kind}60`;
// A 12-digit VAT-family code: `0`, region, year, batch `003`, kind.
const code12 = (region: string, kind = '04', yy = '26') => `0${region}${yy}003${kind}`;
// A 20-digit 数电 number: year, region, channel `2`, sequence.
const digital = (region: string, yy = '26', sequence = '000000094149929') => `${yy}${region}2${sequence}`;

describe('codeProblems', () => {
  it.each(['1100164160', '3300184130', '011001800304', '044001500111', '011002500111'])(
    'accepts the real-looking code %s',
    (code) => {
      expect(codeProblems(code, NOW)).toEqual([]);
    },
  );

  it.each(PROVINCES)('accepts the province %s00 in 10- and 12-digit codes', (province) => {
    expect(codeProblems(code10(`${province}00`), NOW)).toEqual([]);
    expect(codeProblems(code12(`${province}00`), NOW)).toEqual([]);
  });

  it.each(PLAN_CITIES)('accepts the plan city %s in 10- and 12-digit codes', (city) => {
    expect(codeProblems(code10(city), NOW)).toEqual([]);
    expect(codeProblems(code12(city), NOW)).toEqual([]);
  });

  it.each(['1101', '2101', '3301', ...NOT_PROVINCES.map((p) => `${p}00`)])(
    'names the unknown region %s of a 10- or 12-digit code',
    (region) => {
      expect(codeProblems(code10(region), NOW)).toEqual([{ code: 'unknown_region', digits: code10(region), region }]);
      expect(codeProblems(code12(region), NOW)).toEqual([{ code: 'unknown_region', digits: code12(region), region }]);
    },
  );

  // Digit 8 of a 10-digit code: 1/5 special, 3/6 ordinary, 2/7 freight (domain-fapiao §1.2).
  it.each(['1', '2', '3', '5', '6', '7'])('accepts the kind digit %s of a 10-digit code', (kind) => {
    expect(codeProblems(code10('1100', kind), NOW)).toEqual([]);
  });

  it.each(['0', '4', '8', '9'])('names the unknown kind digit %s of a 10-digit code', (kind) => {
    expect(codeProblems(code10('1100', kind), NOW)).toEqual([
      { code: 'unknown_kind', digits: code10('1100', kind), kind },
    ]);
  });

  // Digits 11–12 of a 12-digit code (domain-fapiao §1.3).
  it.each(['04', '05', '06', '07', '11', '12', '13', '17'])('accepts the kind %s of a 12-digit code', (kind) => {
    expect(codeProblems(code12('1100', kind), NOW)).toEqual([]);
  });

  it.each(['00', '01', '08', '10', '14', '15', '18', '99'])('names the unknown kind %s of a 12-digit code', (kind) => {
    expect(codeProblems(code12('1100', kind), NOW)).toEqual([
      { code: 'unknown_kind', digits: code12('1100', kind), kind },
    ]);
  });

  it('accepts older general invoices whose 12-digit code does not start with 0, whatever their layout', () => {
    expect(codeProblems('199999999999', NOW)).toEqual([]);
    expect(codeProblems('111001571071', NOW)).toEqual([]);
  });

  it.each([
    ['27', []],
    ['28', [2028]],
    ['99', [2099]],
    ['00', []],
  ])('in 2026, the year %s of a code is a problem only when later than next year', (yy, years) => {
    const problems = (code: string) => years.map((year) => ({ code: 'future_year', digits: code, year }));
    expect(codeProblems(code10('1100', '1', yy), NOW)).toEqual(problems(code10('1100', '1', yy)));
    expect(codeProblems(code12('1100', '04', yy), NOW)).toEqual(problems(code12('1100', '04', yy)));
  });

  it('judges the year by the clock it is given', () => {
    const code = code10('1100', '1', '28');
    expect(codeProblems(code, new Date('2027-01-01T00:00:00Z'))).toEqual([]);
  });

  it('lists every problem of a code, region first', () => {
    const code = code12('9900', '99', '30');
    expect(codeProblems(code, NOW)).toEqual([
      { code: 'unknown_region', digits: code, region: '9900' },
      { code: 'future_year', digits: code, year: 2030 },
      { code: 'unknown_kind', digits: code, kind: '99' },
    ]);
    const short = code10('9900', '9', '30');
    expect(codeProblems(short, NOW)).toEqual([
      { code: 'unknown_region', digits: short, region: '9900' },
      { code: 'future_year', digits: short, year: 2030 },
      { code: 'unknown_kind', digits: short, kind: '9' },
    ]);
  });

  it.each(['', '110016416', '11001641601', '0110025001110'])('calls a code of the wrong length %j so', (code) => {
    expect(codeProblems(code, NOW)).toEqual([{ code: 'wrong_length', digits: code, length: code.length }]);
  });
});

describe('numberProblems', () => {
  it('accepts an 8-digit number', () => {
    expect(numberProblems('00412345')).toEqual([]);
  });

  it('calls an all-zero number impossible', () => {
    expect(numberProblems('00000000')).toEqual([{ code: 'all_zero_number', digits: '00000000' }]);
  });

  it.each(['10000000', '00000001'])('accepts %s, which is not all zeros', (number) => {
    expect(numberProblems(number)).toEqual([]);
  });

  it.each(['', '0041234', '004123456'])('calls a number of the wrong length %j so', (number) => {
    expect(numberProblems(number)).toEqual([{ code: 'wrong_length', digits: number, length: number.length }]);
  });
});

describe('digitalProblems', () => {
  it.each(['24112000000094149929', '25432000000031411143', '24417000000034170288'])(
    'accepts the real-looking 数电 number %s',
    (number) => {
      expect(digitalProblems(number, NOW)).toEqual([]);
    },
  );

  it.each(PROVINCES)('accepts the province %s', (province) => {
    expect(digitalProblems(digital(province), NOW)).toEqual([]);
  });

  // Plan cities in the 9x range exist; their mapping is unverified (domain-fapiao §1.4), so they are accepted.
  it.each(['90', '92', '94', '99'])('accepts the plan-city region %s', (region) => {
    expect(digitalProblems(digital(region), NOW)).toEqual([]);
  });

  it.each(NOT_PROVINCES)('names the unknown region %s', (region) => {
    expect(digitalProblems(digital(region), NOW)).toEqual([
      { code: 'unknown_region', digits: digital(region), region },
    ]);
  });

  it('calls a number whose sequence is all zeros impossible', () => {
    const number = digital('11', '26', '000000000000000');
    expect(digitalProblems(number, NOW)).toEqual([{ code: 'all_zero_number', digits: number }]);
  });

  it.each(['000000000000001', '100000000000000'])('accepts the sequence %s, which is not all zeros', (sequence) => {
    expect(digitalProblems(digital('11', '26', sequence), NOW)).toEqual([]);
  });

  it.each([
    ['27', []],
    ['28', [2028]],
  ])('in 2026, the year %s is a problem only when later than next year', (yy, years) => {
    const number = digital('11', yy);
    expect(digitalProblems(number, NOW)).toEqual(years.map((year) => ({ code: 'future_year', digits: number, year })));
  });

  it('lists every problem of a number', () => {
    const number = digital('00', '30', '000000000000000');
    expect(digitalProblems(number, NOW)).toEqual([
      { code: 'unknown_region', digits: number, region: '00' },
      { code: 'all_zero_number', digits: number },
      { code: 'future_year', digits: number, year: 2030 },
    ]);
  });

  it.each(['', '2411200000009414992', '241120000000941499291'])('calls a number of the wrong length %j so', (n) => {
    expect(digitalProblems(n, NOW)).toEqual([{ code: 'wrong_length', digits: n, length: n.length }]);
  });
});
