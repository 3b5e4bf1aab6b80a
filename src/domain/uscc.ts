const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;

/**
 * Checks an 18-character 统一社会信用代码 (GB 32100-2015) including its mod-31 check character.
 * Written by hand because the npm `stdnum` validator rejects valid codes whose check character is `0`.
 * @example isValidUscc('91110108801489416U') // true
 */
export function isValidUscc(code: string): boolean {
  if (!SHAPE.test(code)) return false;
  let sum = 0;
  // Equivalent mutant: `i <= 17` adds `WEIGHTS[17] ?? 0`, which is 0.
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(code.charAt(i)) * (WEIGHTS[i] ?? 0);
  return ALPHABET.charAt((31 - (sum % 31)) % 31) === code.charAt(17);
}

/**
 * Accepts the legal taxpayer-id lengths (15, 17, 18, 20) and verifies the check character of 18-character ones.
 * An empty id is allowed: ordinary invoices to individuals carry none.
 * @example isValidTaxId('91110108801489416X') // false
 */
export function isValidTaxId(id: string): boolean {
  if (id === '') return true;
  if (id.length === 18) return isValidUscc(id);
  return /^[0-9A-Z]{15}$|^[0-9A-Z]{17}$|^[0-9A-Z]{20}$/.test(id);
}

/**
 * The region (administrative division, digits 3–8) a USCC was registered in, e.g. `110108` for Haidian, Beijing.
 * @example usccRegion('91110108801489416U') // '110108'
 */
export function usccRegion(code: string): string | undefined {
  return code.length === 18 ? code.slice(2, 8) : undefined;
}
