import { normalizeText } from '../lib/normalize-text.js';
import { isProvinceCode } from './id-problems.js';
import { isCalendarDay } from './qr-payload.js';
import { isValidUscc } from './uscc.js';

// Numbers people write next to an invoice id that are something else. Each is replaced by spaces of the same length,
// so the positions of the digits that remain are unchanged. All patterns are linear: no nested quantifiers.
// Every pattern starts only where a number starts (the look-behinds), so each number is scanned once.
const DATES =
  /(?<!\d)(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?)/g;
const AMOUNTS =
  /[¥￥]\s*-?\d[\d,]*(?:\.\d+)?|(?<![\d,.])-?\d[\d,]*(?:\.\d+)?\s*(?:元|块|yuan|rmb|cny)|(?<![\d,.])-?\d[\d,]*\.\d{1,2}(?![\d.])/gi;
// A bare number right after a word that says it is an amount ("金额 1226000", "total: 1130").
const LABELLED_AMOUNTS =
  /(?<=(?:金额|税额|价税合计|合计|总额|amount|total)[:]? ?)(?<![\d,.])-?\d[\d,]*(?:\.\d+)?(?![\d.])/gi;
// Mainland mobile numbers, optionally with +86 and spaces or hyphens between the groups.
const MOBILES = /(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/g;
// Landlines: an area code (010, 02x, or 03xx–09xx) in parentheses, before a space or hyphen, or after +86; or, for
// 010 and 02x, run together with an 8-digit local number (11 digits, a length no invoice id has). The local number
// starts with 2–9 and may be split in two; an extension may follow. No short digit group may sit right before or after
// it: "0440 3250 0111 0041 2345" is a Shenzhen legacy code and its number typed in fours, not the phone 0440-3250 0111
// (an id beside a phone number, "010-62345678 2611…", is a long group and does not count).
const AREA = String.raw`(?:10|2\d|[3-9]\d{2})`;
const START = String.raw`(?<!\d)(?<!(?<!\d)\d{1,4}[ -])`;
const LOCAL = String.raw`[2-9]\d{2,3}[ -]?\d{4}(?:(?:-|转|ext\.? ?)\d{1,6})?(?!\d)(?![ -]\d{1,4}(?!\d))`;
const LANDLINES = new RegExp(
  String.raw`${START}(?:\(0${AREA}\) ?|0${AREA}[ -]|\+86[ -]?(?:\(0?${AREA}\)|0?${AREA})[ -]?|0(?:10|2\d)(?=[2-9]\d{7}(?!\d)))${LOCAL}`,
  'g',
);
// A local number without its area code counts only after a word that says it is a phone number.
// A plain template: this part has no backslash, and the parts with one are raw already.
const LABELLED_PHONES = new RegExp(`(?<=(?:电话|座机|固话|tel|phone)[.:]? ?)${START}${LOCAL}`, 'gi');
const WORDS = /[0-9A-Za-z]+/g;

// Taxpayer ids: 统一社会信用代码 and older 15/17/20-character ids mixing digits and letters; and two all-digit kinds
// that no invoice id can be mistaken for — the old 15-digit id (a division code such as 110108 for Haidian, then a
// 9-digit organisation code) and an 18-digit 统一社会信用代码 whose check digit is right. Other all-digit runs are
// read as attempts at an id, so a 19- or 21-digit slip still gets the format explanation.
function isTaxIdLike(word: string): boolean {
  if (/^\d+$/.test(word)) return (word.length === 15 && isDivisionCode(word)) || isAllDigitUscc(word);
  return word.length >= 15 && word.length <= 20 && /[A-Za-z]/.test(word) && word.replace(/\D/g, '').length >= 6;
}

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

// Shaped like a GB/T 2260 county-level code: a province, then a prefecture — 01 or 02 in the four municipalities
// (北京, 天津, 上海, 重庆), elsewhere 01–70 or 90 (county-level cities run by the province). A shape, not the dataset:
// the domain reads no files, and a 15-digit run is never a valid invoice id length anyway.
function isDivisionCode(digits: string): boolean {
  const province = digits.slice(0, 2);
  const prefecture = Number(digits.slice(2, 4));
  if (!isProvinceCode(province)) return false;
  if (MUNICIPALITIES.has(province)) return prefecture === 1 || prefecture === 2;
  return (prefecture >= 1 && prefecture <= 70) || prefecture === 90;
}
// Registered by an agency (1 government bodies, 5 civil affairs, 9 market regulation), in a real division, checked.
function isAllDigitUscc(digits: string): boolean {
  return digits.length === 18 && /^[159]/.test(digits) && isDivisionCode(digits.slice(2, 8)) && isValidUscc(digits);
}

/** A number in a message that is something other than an invoice id, as it was written. */
export type NonIdNumber = { kind: 'date' | 'amount' | 'mobile' | 'phone' | 'tax_id'; text: string };

// Blanks each kind in turn (taxpayer ids first: they hold digit runs the other patterns would take), telling `seen`
// what it blanked. The order is the one `blankNonIds` has always had.
function blankAll(text: string, seen: (n: NonIdNumber) => void = ignore): string {
  const words = text.replace(WORDS, (word) => (isTaxIdLike(word) ? blanker('tax_id', seen)(word) : word));
  // Digits and spaces alone (most lookups: `2411…9929`, a code and its number) hold no date, amount or label: each
  // of those patterns needs a character such text lacks (年 or a separator, ¥ or a unit or a decimal point, a label
  // word), so their four scans are skipped; phone numbers can be digits alone and are always looked for.
  const plain = DIGITS_AND_SPACES.test(words);
  const rest = plain
    ? words
    : words
        .replace(DATES, blanker('date', seen))
        .replace(AMOUNTS, blanker('amount', seen))
        .replace(LABELLED_AMOUNTS, blanker('amount', seen));
  const phones = rest.replace(MOBILES, blanker('mobile', seen)).replace(LANDLINES, blanker('phone', seen));
  return plain ? phones : phones.replace(LABELLED_PHONES, blanker('phone', seen));
}

const DIGITS_AND_SPACES = /^[\d\s]*$/;

// Module-level rather than arrows named inside `blankAll`: under tsx (`npm start`) a named arrow costs a
// defineProperty of its name each time it is created, and every lookup blanks its text.
function ignore(): void {}

function blanker(kind: NonIdNumber['kind'], seen: (n: NonIdNumber) => void): (s: string) => string {
  return (s) => {
    seen({ kind, text: s.trim() });
    return ' '.repeat(s.length);
  };
}

/**
 * Blanks out dates, amounts, mobile and landline numbers and taxpayer ids, so that only digits that may be meant as an invoice id
 * remain to be read (and, when malformed, explained).
 * @example blankNonIds('开票日期 2026年11月25日 金额 ¥1,130.00').trim() // '开票日期' + spaces + '金额'
 */
export function blankNonIds(text: string): string {
  return blankAll(text);
}

// A lone run of 8 digits: read as a date when it is one (`20261125`), as the issue date people quote.
const EIGHT_DIGITS = /(?<!\d)\d{8}(?!\d)/g;

/**
 * The dates, amounts, phone numbers and taxpayer ids in a message, in the order they are recognised, so that a
 * message with no invoice id can be answered with what its numbers were read as.
 * @example nonIdNumbers('20261125 ¥1,130.00') // [{ kind: 'amount', text: '¥1,130.00' }, { kind: 'date', text: '20261125' }]
 */
export function nonIdNumbers(text: string): NonIdNumber[] {
  const found: NonIdNumber[] = [];
  const rest = blankAll(normalizeText(text), (n) => found.push(n));
  for (const [digits] of rest.matchAll(EIGHT_DIGITS))
    if (isDateLike(digits)) found.push({ kind: 'date', text: digits });
  return found;
}

/**
 * True when 8 digits read as a plausible date (`20261125`), which a lone 8-digit number usually is.
 * @example isDateLike('20261125') // true
 */
export function isDateLike(digits: string): boolean {
  return digits.length === 8 && isCalendarDay(`${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`);
}
