import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { LEDGER_COLUMNS } from '../src/domain/ledger-row.js';
import { TAX_COLUMNS } from '../src/domain/tax-row.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A synthetic USCC with a correct check character, so generated rows pass validation like real ones. */
export function uscc(n: number): string {
  const body = `911101${String(5 + (n % 4)).padStart(2, '0')}MA${String(n).padStart(7, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(body.charAt(i)) * (WEIGHTS[i] ?? 0);
  return body + ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * The id columns of synthetic invoice `i`: 1 in 10 is a legacy code + number of a paper 增值税普通发票 (code kind
 * `04`), the rest 数电.
 */
export function syntheticId(i: number): { code: string; number: string; digital: string } {
  return i % 10 === 0
    ? { code: '011002500104', number: String(10_000_000 + i).slice(-8), digital: '' }
    : { code: '', number: '', digital: `2511200${String(i).padStart(13, '0')}` };
}

const US = uscc(0);
// The type label of synthetic invoice `i`, matching its id: a legacy paper 普票 or a 数电 one.
const typeOf = (i: number) => (syntheticId(i).digital ? '数电发票（普通发票）' : '增值税普通发票');
const COMPANIES = 500;
const START = Date.UTC(2025, 0, 1);
const SPAN_DAYS = 695;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function issued(i: number): string {
  const d = new Date(START + ((i * 7919) % SPAN_DAYS) * 86_400_000 + ((i * 104_729) % 36_000) * 1000 + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

async function writeLines(
  file: string,
  header: readonly string[],
  count: number,
  line: (i: number) => string | undefined,
): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${header.join(',')}\n`);
  let chunk = '';
  for (let i = 1; i <= count; i++) {
    const l = line(i);
    if (l !== undefined) chunk += `${l}\n`;
    if (chunk.length > 1_000_000) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/**
 * Writes `count` ledger rows and their tax-export counterparts (95 % present, a few red-reversed, and a few voided
 * among the paper ones)
 * as CSV files in the documented formats.
 */
export async function generate(dir: string, count: number): Promise<{ ledger: string; tax: string }> {
  const ledger = `${dir}/ledger.csv`;
  const tax = `${dir}/tax.csv`;
  const amounts = (i: number) => {
    const amount = 10_000 + ((i * 37) % 9_000_000);
    const t = Math.round(amount * 0.06);
    const f = (fen: number) => `${Math.floor(fen / 100)}.${pad(fen % 100)}`;
    return [f(amount), f(t), f(amount + t)];
  };
  await writeLines(ledger, LEDGER_COLUMNS, count, (i) => {
    const id = syntheticId(i);
    const c = i % COMPANIES;
    return [
      id.code,
      id.number,
      id.digital,
      typeOf(i),
      issued(i),
      US,
      '北京示例科技有限公司',
      uscc(c + 1),
      `示例客户${c}有限公司`,
      ...amounts(i),
      'issued',
      '',
      `U${String(i % 300).padStart(6, '0')}`,
      '',
    ].join(',');
  });
  await writeLines(tax, TAX_COLUMNS, count, (i) => {
    if (i % 20 === 7) return undefined;
    const id = syntheticId(i);
    const c = i % COMPANIES;
    // Only a paper invoice can be voided (domain-fapiao §10.3): an electronic one picked to be taken back is red-reversed.
    const status = i % 97 === 0 ? (id.digital ? '已红冲' : '已作废') : i % 89 === 0 ? '已红冲' : '正常';
    return [
      String(i),
      id.code,
      id.number,
      id.digital,
      US,
      '北京示例科技有限公司',
      uscc(c + 1),
      `示例客户${c}有限公司`,
      issued(i),
      ...amounts(i),
      id.digital ? '电子发票服务平台' : '增值税发票管理系统',
      typeOf(i),
      status,
      '是',
      '正常',
      '李四',
      '',
    ].join(',');
  });
  return { ledger, tax };
}
