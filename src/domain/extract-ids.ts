import { normalizeText } from '../lib/normalize-text.js';
import { codeProblems, digitalProblems, type IdProblem, numberProblems } from './id-problems.js';
import type { InvoiceId } from './identifier.js';
import { blankNonIds, isDateLike } from './non-id-numbers.js';
import { type QrFacts, type QrPayload, readQrPayloads } from './qr-payload.js';

/**
 * One identifier found in a message: either a usable id (maybe with warnings) or only problems. An id read from a
 * QR-code payload carries the amount and issue day printed in it.
 */
export type IdMention = { raw: string; id?: InvoiceId; problems: IdProblem[]; qr?: QrFacts };

type Run = { digits: string; groups: string[]; at: number };
type Located = IdMention & { at: number };

// A digit run may contain single spaces or hyphens between groups ("2411 2000 0000 9414 9929").
const RUN = /\d(?:\d|[ -](?=\d))*/g;
// Dates and times are not ids: 2026-11-27, 2026-11-27 10:15, 20261127 next to 年/月/日.
// Stryker disable next-line Regex: equivalent, blankNonIds has already blanked every run this matches
const DATE = /^\d{4}-\d{1,2}-\d{1,2}$/;
// Shorter runs (postcodes, check-code tails, counts) are not attempts at an id.
const MIN_ID_DIGITS = 7;
// The commonest question of all, `/invoice <20-digit 数电 number>`: no QR payload, no date, amount, phone or taxpayer
// id can be read in it (none is 20 digits alone), so it is one digital mention, as the full scan finds.
const ONE_DIGITAL = /^\d{20}$/;

function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  for (const match of text.matchAll(RUN)) {
    const raw = match[0];
    // Stryker disable next-line ConditionalExpression: equivalent, a second guard behind blankNonIds (see DATE)
    if (DATE.test(raw)) continue;
    const groups = raw.split(/[ -]/);
    runs.push(...splitRun(groups, match.index ?? 0));
  }
  return runs.filter((run) => run.digits.length >= MIN_ID_DIGITS);
}

// "011002500111 00412345" is a code and a number typed side by side, not one 20-digit id.
function splitRun(groups: string[], at: number): Run[] {
  // Stryker disable next-line ArrowFunction: equivalent, only `pair` reads it (see below)
  const lengths = groups.map((g) => g.length);
  // Stryker disable next-line all: equivalent, every pair also passes the `every` test below
  const pair = groups.length === 2 && lengths.includes(8) && (lengths.includes(10) || lengths.includes(12));
  if (pair || (groups.length > 1 && groups.every((g) => [8, 10, 12, 20].includes(g.length)))) {
    let offset = at;
    return groups.map((g) => {
      // Nothing reads `groups` after the split, so emptying it changes nothing (an equivalent mutant).
      const run = { digits: g, groups: [g], at: offset };
      offset += g.length + 1;
      return run;
    });
  }
  return [{ digits: groups.join(''), groups, at }];
}

/**
 * Finds every invoice identifier in free text (English or Chinese, full-width digits allowed),
 * pairing each legacy code with the nearest 8-digit number.
 * @example extractIds('发票 24112000000094149929 查不到', now)[0].id // { kind: 'digital', number: '24112000000094149929' }
 */
export function extractIds(text: string, now: Date): IdMention[] {
  const normalized = normalizeText(text);
  // Answered without the scan's runs, sets, closures and sort (~3 KB a lookup); a test checks it against the scan.
  // Built by the scan's own functions, so the mention has the scan's object shapes: a shape of its own would die in a
  // full collection whenever the last lookup kept alive was a legacy one, throwing away the optimised code of the
  // lookup path built for it (`lastLookups` in src/flows/conversation.ts).
  if (ONE_DIGITAL.test(normalized)) return [withoutAt(digitalAt(0, normalized, now))];
  const payloads = readQrPayloads(normalized);
  const mentions: Located[] = payloads.map((p) => ({
    at: p.start,
    raw: normalized.slice(p.start, p.end),
    id: p.id,
    problems:
      p.id.kind === 'digital'
        ? digitalProblems(p.id.number, now)
        : [...codeProblems(p.id.code, now), ...numberProblems(p.id.number)],
    qr: p.facts,
  }));
  // Payloads are blanked in one pass (slicing the whole text once per payload was quadratic in their number).
  // Most messages hold no payload: then there is nothing to blank and no copy to make.
  const rest = payloads.length === 0 ? normalized : blankPayloads(normalized, payloads);
  const runs = runsOf(blankNonIds(rest));
  const codes = runs.filter((r) => r.digits.length === 10 || r.digits.length === 12);
  const numbers = runs.filter((r) => r.digits.length === 8);
  const usedNumbers = new Set<Run>();
  const nearest = nearestUnused(numbers);
  for (const code of codes) {
    const number = nearest(code.at);
    if (!number) {
      mentions.push({
        at: code.at,
        raw: code.digits,
        problems: [{ code: 'code_without_number', digits: code.digits }],
      });
      continue;
    }
    usedNumbers.add(number);
    mentions.push({
      at: Math.min(code.at, number.at),
      raw: `${code.digits} ${number.digits}`,
      id: { kind: 'legacy', code: code.digits, number: number.digits },
      problems: [...codeProblems(code.digits, now), ...numberProblems(number.digits)],
    });
  }
  for (const run of runs) {
    const length = run.digits.length;
    if (length === 20) {
      mentions.push(digitalAt(run.at, run.digits, now));
    } else if (length === 8 && !usedNumbers.has(run)) {
      // A lone 8-digit date (20261125) is the issue date people quote, not an invoice number.
      if (isDateLike(run.digits)) continue;
      mentions.push({ at: run.at, raw: run.digits, problems: [{ code: 'number_without_code', digits: run.digits }] });
    } else if (![8, 10, 12, 20].includes(length)) {
      mentions.push({ at: run.at, raw: run.digits, problems: [{ code: 'wrong_length', digits: run.digits, length }] });
    }
  }
  return mentions.sort((a, b) => a.at - b.at).map(withoutAt);
}

// A 20-digit 数电 number found at `at`.
function digitalAt(at: number, digits: string, now: Date): Located {
  return { at, raw: digits, id: { kind: 'digital', number: digits }, problems: digitalProblems(digits, now) };
}

// The mention as returned: every one is copied here, so all have the shapes this copy gives.
function withoutAt({ at: _at, ...mention }: Located): IdMention {
  return mention;
}

function blankPayloads(text: string, payloads: readonly QrPayload[]): string {
  const parts: string[] = [];
  let from = 0;
  for (const p of payloads) {
    parts.push(text.slice(from, p.start), ' '.repeat(p.end - p.start));
    from = p.end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

// The first slot from `i` in direction `step` that is not taken, following (and compressing) `links`. At module level
// rather than an arrow inside `nearestUnused`: under tsx a named arrow costs a defineProperty each time it is made.
function nextUnused(taken: ReadonlySet<number>, links: number[], i: number, step: number): number {
  let j = i;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: equivalent, no index out of range is ever taken
  while (j >= 0 && j < links.length && taken.has(j)) j = (links[j] as number) + step;
  // Point every visited slot straight at the answer.
  // Stryker disable next-line all: equivalent, this only speeds up later look-ups; the loop above finds the same j
  for (let k = i; k >= 0 && k < links.length && taken.has(k); ) {
    const next = (links[k] as number) + step;
    links[k] = j - step;
    k = next;
  }
  return j;
}

// The unused number nearest to a position (the earlier one on a tie), each taken once. Runs come in text order; two
// "next unused" pointer arrays with path compression skip taken ones, so pairing every code stays near-linear
// where comparing each code with every number was quadratic (160 ms for a 40,000-character paste).
function nearestUnused(numbers: readonly Run[]): (at: number) => Run | undefined {
  const left = numbers.map((_, i) => i);
  const right = numbers.map((_, i) => i);
  const taken = new Set<number>();
  return (at) => {
    let lo = 0;
    let hi = numbers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // Stryker disable next-line EqualityOperator: equivalent, no number starts where a code does
      if ((numbers[mid] as Run).at < at) lo = mid + 1;
      else hi = mid;
    }
    const l = nextUnused(taken, left, lo - 1, -1);
    const r = nextUnused(taken, right, lo, 1);
    // numbers[-1] and numbers[length] are undefined anyway: these guards, and `found` below, only say so.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, see above
    const before = l >= 0 ? numbers[l] : undefined;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, see above
    const after = r < numbers.length ? numbers[r] : undefined;
    const pick = !after || (before && at - before.at <= after.at - at) ? l : r;
    const found = numbers[pick];
    // Stryker disable next-line ConditionalExpression: equivalent, see above
    if (found) taken.add(pick);
    return found;
  };
}
