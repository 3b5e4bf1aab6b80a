/** An amount of money in fen (0.01 yuan) as a safe integer; binary floats never hold money here. */
export type Fen = number;

const AMOUNT = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * Parses a decimal yuan amount with at most two decimal places (thousands separators allowed) into fen.
 * Returns undefined for anything else, so callers can report the exact bad cell.
 * @example parseYuan('-1,130.5') // -113050
 */
export function parseYuan(text: string): Fen | undefined {
  const match = AMOUNT.exec(text.trim().replace(/,/g, '').replace(/^¥/, ''));
  if (!match) return undefined;
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}

/**
 * Formats fen as yuan with two decimals and thousands separators.
 * @example formatYuan(-113050) // '-1,130.50'
 */
export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Formats fen as money for people: the yuan sign, grouping and two decimals, the same in both languages.
 * @example formatMoney(113000) // '¥1,130.00'
 * @example formatMoney(-113050) // '-¥1,130.50'
 */
export function formatMoney(fen: Fen): string {
  return fen < 0 ? `-¥${formatYuan(-fen)}` : `¥${formatYuan(fen)}`;
}
