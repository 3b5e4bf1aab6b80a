import { DEDUCTION_COLUMNS } from './deduction-row.js';
import { LEDGER_COLUMNS } from './ledger-row.js';
import { TAX_COLUMNS } from './tax-row.js';

/** Which source a file feeds: the ledger, the tax export, or the deduction-selection export (抵扣类勾选). */
export type ImportSource = 'ledger' | 'tax' | 'deduction';

/**
 * The source a dropped file's name suggests: `ledger`/`台账` → ledger, `deduction`/`勾选`/`抵扣` → deduction, anything
 * else → the tax export. Only a guess: a header that names its source wins ({@link importSourceOfHeader}).
 * @example importSourceOfName('抵扣类勾选-202611.xlsx') // 'deduction'
 */
export function importSourceOfName(name: string): ImportSource {
  if (/ledger|台账/i.test(name)) return 'ledger';
  if (/deduction|勾选|抵扣/i.test(name)) return 'deduction';
  return 'tax';
}

/**
 * The source whose columns a header row has, or undefined when it is none of them. The platform's exports have
 * fixed columns in a fixed order; the ledger CSV has its column names in any order.
 * @example importSourceOfHeader(['序号', '是否勾选', '数电发票号码', …]) // 'deduction'
 */
export function importSourceOfHeader(header: readonly string[]): ImportSource | undefined {
  const cells = header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  if (DEDUCTION_COLUMNS.every((c, i) => cells[i] === c)) return 'deduction';
  if (TAX_COLUMNS.every((c, i) => cells[i] === c)) return 'tax';
  if (LEDGER_COLUMNS.every((c) => cells.includes(c))) return 'ledger';
  return undefined;
}
