import { isCalendarDay } from './qr-payload.js';

// Numbers people write next to an invoice id that are something else. Each is replaced by spaces of the same length,
// so the positions of the digits that remain are unchanged. All patterns are linear: no nested quantifiers.
// Every pattern starts only where a number starts (the look-behinds), so each number is scanned once.
const DATES =
  /(?<!\d)(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?)/g;
const AMOUNTS =
  /[¥￥]\s*-?\d[\d,]*(?:\.\d+)?|(?<![\d,.])-?\d[\d,]*(?:\.\d+)?\s*(?:元|块|yuan|rmb|cny)|(?<![\d,.])-?\d[\d,]*\.\d{1,2}(?![\d.])/gi;
// Mainland mobile numbers, optionally with +86 and spaces or hyphens between the groups.
const MOBILES = /(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/g;
const WORDS = /[0-9A-Za-z]+/g;

// Taxpayer ids (统一社会信用代码 and older 15/17/20-character ids) mix digits and letters; all-digit ones are read as ids.
function isTaxIdLike(word: string): boolean {
  return word.length >= 15 && word.length <= 20 && /[A-Za-z]/.test(word) && word.replace(/\D/g, '').length >= 6;
}

/**
 * Blanks out dates, amounts, mobile numbers and taxpayer ids, so that only digits that may be meant as an invoice id
 * remain to be read (and, when malformed, explained).
 * @example blankNonIds('开票日期 2026年11月25日 金额 ¥1,130.00').trim() // '开票日期' + spaces + '金额'
 */
export function blankNonIds(text: string): string {
  const blank = (s: string) => ' '.repeat(s.length);
  return text
    .replace(WORDS, (word) => (isTaxIdLike(word) ? blank(word) : word))
    .replace(DATES, blank)
    .replace(AMOUNTS, blank)
    .replace(MOBILES, blank);
}

/**
 * True when 8 digits read as a plausible date (`20261125`), which a lone 8-digit number usually is.
 * @example isDateLike('20261125') // true
 */
export function isDateLike(digits: string): boolean {
  return digits.length === 8 && isCalendarDay(`${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`);
}
