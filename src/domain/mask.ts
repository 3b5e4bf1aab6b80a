/**
 * Hides the middle of a taxpayer id, keeping enough to recognise it (region and last characters).
 * @example maskTaxId('91110105MA01ABCD5F') // '911101**********5F'
 */
export function maskTaxId(id: string): string {
  // Six plus two kept characters would show an id of eight or fewer whole (and `repeat` throws below zero).
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 8)}${id.slice(-2)}`;
}

/** What an amount becomes for someone who may not see it. */
export const MASKED_AMOUNT = '¥ ••••';
