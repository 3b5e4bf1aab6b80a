import { normalizeText } from '../lib/normalize-text.js';
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

/** A number in a message that is something other than an invoice id, as it was written. */
export type NonIdNumber = { kind: 'date' | 'amount' | 'mobile' | 'tax_id'; text: string };

// Blanks each kind in turn (taxpayer ids first: they hold digit runs the other patterns would take), telling `seen`
// what it blanked. The order is the one `blankNonIds` has always had.
function blankAll(text: string, seen: (n: NonIdNumber) => void = () => {}): string {
  const blank = (kind: NonIdNumber['kind']) => (s: string) => {
    seen({ kind, text: s.trim() });
    return ' '.repeat(s.length);
  };
  return text
    .replace(WORDS, (word) => (isTaxIdLike(word) ? blank('tax_id')(word) : word))
    .replace(DATES, blank('date'))
    .replace(AMOUNTS, blank('amount'))
    .replace(MOBILES, blank('mobile'));
}

/**
 * Blanks out dates, amounts, mobile numbers and taxpayer ids, so that only digits that may be meant as an invoice id
 * remain to be read (and, when malformed, explained).
 * @example blankNonIds('开票日期 2026年11月25日 金额 ¥1,130.00').trim() // '开票日期' + spaces + '金额'
 */
export function blankNonIds(text: string): string {
  return blankAll(text);
}

// A lone run of 8 digits: read as a date when it is one (`20261125`), as the issue date people quote.
const EIGHT_DIGITS = /(?<!\d)\d{8}(?!\d)/g;

/**
 * The dates, amounts, mobile numbers and taxpayer ids in a message, in the order they are recognised, so that a
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
