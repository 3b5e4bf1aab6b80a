/** A specific reason why a typed identifier cannot be a real invoice id (domain-fapiao §1). */
export type IdProblem =
  | { code: 'wrong_length'; digits: string; length: number }
  | { code: 'all_zero_number'; digits: string }
  | { code: 'unknown_region'; digits: string; region: string }
  | { code: 'future_year'; digits: string; year: number }
  | { code: 'unknown_kind'; digits: string; kind: string }
  | { code: 'code_without_number'; digits: string }
  | { code: 'number_without_code'; digits: string };

// GB/T 2260 provincial prefixes; legacy codes use `XX00`, 数电 numbers the two digits alone.
const PROVINCES = new Set([
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
]);
// 计划单列市 (Dalian, Ningbo, Xiamen, Qingdao, Shenzhen) keep their own 4-digit codes in legacy invoices.
const PLAN_CITIES = new Set(['2102', '3302', '3502', '3702', '4403']);
// Digits 11–12 of a 12-digit VAT-family code (domain-fapiao §1.3).
const KINDS_12 = new Set(['04', '05', '06', '07', '11', '12', '13', '17']);
// Digit 8 of a 10-digit code: 1/5 special, 3/6 ordinary, 2/7 freight (§1.2).
const KINDS_10 = new Set(['1', '2', '3', '5', '6', '7']);
// Early e-invoice pilot codes the verification platform hard-lists (§1.3). All four start with `1`, which the 12-digit
// rule accepts anyway, so mutating this set or its check changes nothing (equivalent mutants).
// Stryker disable next-line all: equivalent, see above
const PILOT_CODES = new Set(['144031539110', '131001570151', '133011501118', '111001571071']);

/**
 * True when two digits are a GB/T 2260 province code (`11` Beijing … `65` Xinjiang).
 * @example isProvinceCode('11') // true
 */
export function isProvinceCode(digits: string): boolean {
  return PROVINCES.has(digits);
}

function regionOk(region4: string): boolean {
  return PLAN_CITIES.has(region4) || (region4.endsWith('00') && PROVINCES.has(region4.slice(0, 2)));
}

function yearProblem(digits: string, yy: string, now: Date): IdProblem[] {
  const year = 2000 + Number(yy);
  return year > now.getUTCFullYear() + 1 ? [{ code: 'future_year', digits, year }] : [];
}

/**
 * Structural checks of a legacy 发票代码 (10 or 12 digits): region, year and kind.
 * @example codeProblems('011002500111', new Date('2026-01-01')) // []
 */
export function codeProblems(code: string, now: Date): IdProblem[] {
  // Stryker disable next-line all: equivalent, see PILOT_CODES
  if (PILOT_CODES.has(code)) return [];
  if (code.length === 10) {
    const problems = regionOk(code.slice(0, 4))
      ? []
      : [{ code: 'unknown_region', digits: code, region: code.slice(0, 4) } as const];
    const kind = code.charAt(7);
    return [
      ...problems,
      ...yearProblem(code, code.slice(4, 6), now),
      ...(KINDS_10.has(kind) ? [] : [{ code: 'unknown_kind', digits: code, kind } as const]),
    ];
  }
  if (code.length === 12) {
    // A non-zero first digit marks older general invoices whose layout varies by province: accept them.
    if (!code.startsWith('0')) return [];
    const problems = regionOk(code.slice(1, 5))
      ? []
      : [{ code: 'unknown_region', digits: code, region: code.slice(1, 5) } as const];
    const kind = code.slice(10, 12);
    return [
      ...problems,
      ...yearProblem(code, code.slice(5, 7), now),
      ...(KINDS_12.has(kind) ? [] : [{ code: 'unknown_kind', digits: code, kind } as const]),
    ];
  }
  return [{ code: 'wrong_length', digits: code, length: code.length }];
}

/**
 * Structural checks of an 8-digit 发票号码.
 * @example numberProblems('00000000') // [{ code: 'all_zero_number', digits: '00000000' }]
 */
export function numberProblems(number: string): IdProblem[] {
  if (number.length !== 8) return [{ code: 'wrong_length', digits: number, length: number.length }];
  return /^0+$/.test(number) ? [{ code: 'all_zero_number', digits: number }] : [];
}

/**
 * Structural checks of a 20-digit 数电 number: year (digits 1–2) and region (digits 3–4).
 * @example digitalProblems('24112000000094149929', new Date('2026-01-01')) // []
 */
export function digitalProblems(number: string, now: Date): IdProblem[] {
  if (number.length !== 20) return [{ code: 'wrong_length', digits: number, length: number.length }];
  const region = number.slice(2, 4);
  // 9x codes are plan cities with unverified numbering (domain-fapiao §1.4): accept rather than reject.
  const problems: IdProblem[] =
    PROVINCES.has(region) || region.startsWith('9') ? [] : [{ code: 'unknown_region', digits: number, region }];
  if (/^0+$/.test(number.slice(5))) problems.push({ code: 'all_zero_number', digits: number });
  return [...problems, ...yearProblem(number, number.slice(0, 2), now)];
}
