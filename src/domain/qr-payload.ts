import type { InvoiceId } from './identifier.js';
import { type Fen, parseYuan } from './money.js';

/** What an invoice's QR code says besides its id: the amount and the issue day people search with. */
export type QrFacts = {
  /** Issue day as `YYYY-MM-DD`. */
  day: string;
  amount: Fen;
  /** 数电 QR codes carry the total with tax (价税合计); legacy ones the amount before tax (合计金额). */
  taxIncluded: boolean;
};

/** One QR payload found in a text, with where it sits so its digits are not read again. */
export type QrPayload = { id: InvoiceId; facts: QrFacts; start: number; end: number };

// `version,type,code,number,amount,yyyymmdd,check code[,random]` (domain-fapiao §1.5). The code is empty for
// electronic 数电 invoices; the check code is empty for special invoices and 数电 ones.
const QR =
  /(?<![\d.])01\s*,\s*(\d{2})\s*,\s*(\d{10}|\d{12})?\s*,\s*(\d{8}|\d{20})\s*,\s*(-?\d+(?:\.\d{1,2})?)\s*,\s*(\d{8})\s*,\s*(\d*)(?:\s*,\s*[0-9A-Za-z]*)?/g;

/**
 * Reads every invoice QR-code payload in a text (ASCII commas: normalise full-width ones first). The check code is
 * part of the payload, never an id of its own.
 * @example readQrPayloads('01,32,,25432000000031411143,655.00,20250311,,19E3')[0]?.facts // { day: '2025-03-11', amount: 65500, taxIncluded: true }
 */
export function readQrPayloads(text: string): QrPayload[] {
  const found: QrPayload[] = [];
  // A payload is comma-separated; most messages have no comma and need no scan.
  if (!text.includes(',')) return found;
  for (const m of text.matchAll(QR)) {
    // Groups 4–6 are not optional in QR, so these defaults only satisfy the type checker (equivalent mutants).
    const [raw, , code, number = '', amountText = '', date = ''] = m;
    const amount = parseYuan(amountText);
    const day = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
    if (amount === undefined || !isCalendarDay(day)) continue;
    let id: InvoiceId;
    if (code && number.length === 8) id = { kind: 'legacy', code, number };
    else if (!code && number.length === 20) id = { kind: 'digital', number };
    else continue;
    const start = m.index ?? 0;
    found.push({ id, facts: { day, amount, taxIncluded: id.kind === 'digital' }, start, end: start + raw.length });
  }
  return found;
}

/**
 * True for a real calendar day written `YYYY-MM-DD` between 1990 and 2099.
 * @example isCalendarDay('2026-02-30') // false
 */
export function isCalendarDay(day: string): boolean {
  const m = /^(19[9]\d|20\d\d)-(\d\d)-(\d\d)$/.exec(day);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === day;
}
