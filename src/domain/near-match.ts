/** How a near match differs from what the user typed. */
export type NearHow = 'one_digit' | 'swapped' | 'missing_digit' | 'extra_digit' | 'short_number';

/** A digit string that differs from the typed one in exactly one common way. */
export type Variant = { digits: string; how: NearHow };

/**
 * Every string one typing slip away from `typed` that has length `target`: one digit wrong, two adjacent digits
 * swapped, one digit missing or one extra. Generating these (≈400 for a 20-digit id) and probing an index keeps
 * near-match lookups O(1) in the number of records, instead of scanning them all.
 * @example nearVariants('1243', 4).some((v) => v.digits === '1234' && v.how === 'swapped') // true
 */
export function nearVariants(typed: string, target: number): Variant[] {
  const out: Variant[] = [];
  if (typed.length === target) {
    for (let i = 0; i < typed.length; i++) {
      for (let d = 0; d <= 9; d++) {
        const c = String(d);
        if (c !== typed[i]) out.push({ digits: typed.slice(0, i) + c + typed.slice(i + 1), how: 'one_digit' });
      }
    }
    for (let i = 0; i + 1 < typed.length; i++) {
      if (typed[i] !== typed[i + 1]) {
        out.push({ digits: typed.slice(0, i) + typed[i + 1] + typed[i] + typed.slice(i + 2), how: 'swapped' });
      }
    }
  } else if (typed.length === target - 1) {
    for (let i = 0; i <= typed.length; i++) {
      for (let d = 0; d <= 9; d++)
        out.push({ digits: typed.slice(0, i) + String(d) + typed.slice(i), how: 'missing_digit' });
    }
  } else if (typed.length === target + 1) {
    for (let i = 0; i < typed.length; i++)
      out.push({ digits: typed.slice(0, i) + typed.slice(i + 1), how: 'extra_digit' });
  }
  return dedupe(out);
}

function dedupe(variants: Variant[]): Variant[] {
  const seen = new Set<string>();
  return variants.filter((v) => {
    if (seen.has(v.digits)) return false;
    seen.add(v.digits);
    return true;
  });
}
