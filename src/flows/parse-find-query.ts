import { parseYuan } from '../domain/money.js';
import { isValidUscc } from '../domain/uscc.js';
import { normalizeText } from '../lib/normalize-text.js';
import { err, ok, type Result } from '../lib/result.js';
import { parseLocalDay } from '../lib/time.js';
import type { FindQuery } from '../ports.js';

/** Why a `find` request could not be understood. */
export type FindQueryError =
  | { code: 'empty' }
  | { code: 'bad_amount'; text: string }
  | { code: 'bad_date'; text: string }
  /** A range whose end is before its start, as typed (`from`..`to`): never swapped, since one of them is a slip. */
  | { code: 'reversed_range'; from: string; to: string }
  | { code: 'bad_tax_id'; text: string };

const DATEISH = /^\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?$|^\d{8}$/;
const MONTHISH = /^(\d{4})[-/年](\d{1,2})月?$/;
const AMOUNTISH = /^[¥￥]?-?[\d,]+(\.\d+)?元?$/;
// A taxpayer id: 18 characters (统一社会信用代码) or 15/17/20 (legacy). It has a letter, or is too long for an amount
// anyone types (a 15-digit amount is not a thing people remember).
const TAXISH = /^(?=.*[A-Z]|\d{15})(?:[0-9A-Z]{15}|[0-9A-Z]{17,18}|[0-9A-Z]{20})$/;

/**
 * Reads what a user remembers: an amount (`1130.00`, `¥1,130`), a date (`2026-03-02`, `20260302`, `2026年3月2日`),
 * a month (`2026-11`, `2026年11月`), a taxpayer id (`91110108801489416U`), a range (`2026-03-01..2026-03-31`), and any other words as a seller or buyer name fragment.
 * @example parseFindQuery('1130 2026-03-02 示例', 'Asia/Shanghai') // ok({ total: 113000, dayFrom: '2026-03-02', dayTo: '2026-03-02', name: '示例' })
 */
export function parseFindQuery(text: string, zone: string): Result<FindQuery, FindQueryError> {
  const query: FindQuery = {};
  const words: string[] = [];
  const tokens = normalizeText(text)
    .replace(/\s*(?:\.\.|~|至|到)\s*/g, '..')
    .split(/\s+/)
    .filter(Boolean);
  for (const token of tokens) {
    if (token.includes('..')) {
      const [a = '', b = ''] = token.split('..');
      const from = parseLocalDay(a, zone);
      const to = parseLocalDay(b, zone);
      if (!from) return err({ code: 'bad_date', text: a });
      if (!to) return err({ code: 'bad_date', text: b });
      // Refused rather than swapped: a swapped range is a guess at which end was mistyped, and a sync acts on it.
      if (to < from) return err({ code: 'reversed_range', from: a, to: b });
      Object.assign(query, { dayFrom: from, dayTo: to });
    } else if (TAXISH.test(token.toUpperCase())) {
      const id = token.toUpperCase();
      if (id.length === 18 && !isValidUscc(id)) return err({ code: 'bad_tax_id', text: token });
      query.taxId = id;
    } else if (MONTHISH.test(token)) {
      const range = month(token);
      if (!range) return err({ code: 'bad_date', text: token });
      Object.assign(query, range);
    } else if (DATEISH.test(token)) {
      const d = parseLocalDay(token, zone);
      if (!d) return err({ code: 'bad_date', text: token });
      Object.assign(query, { dayFrom: d, dayTo: d });
    } else if (AMOUNTISH.test(token)) {
      const fen = parseYuan(token.replace(/[¥￥元]/g, ''));
      if (fen === undefined) return err({ code: 'bad_amount', text: token });
      query.total = fen;
    } else words.push(token);
  }
  if (words.length > 0) query.name = words.join(' ');
  return Object.keys(query).length === 0 ? err({ code: 'empty' }) : ok(query);
}

// A month is every day in it: `2026-11`, `2026/11` and `2026年11月` all read as 2026-11-01..2026-11-30.
function month(token: string): { dayFrom: string; dayTo: string } | undefined {
  const [, year = '', m = ''] = MONTHISH.exec(token) ?? [];
  const n = Number(m);
  if (n < 1 || n > 12) return undefined;
  const mm = String(n).padStart(2, '0');
  const last = new Date(Date.UTC(Number(year), n, 0)).getUTCDate();
  return { dayFrom: `${year}-${mm}-01`, dayTo: `${year}-${mm}-${last}` };
}
