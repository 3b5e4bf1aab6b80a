import type { InvoicePair, LedgerRecord, TaxRecord } from '../../src/domain/invoice.js';
import type { FindQuery } from '../../src/ports.js';
import { ledger, tax } from './fixtures.js';

const BUYERS = ['北京甲客户有限公司', '上海乙贸易有限公司', 'Acme Trading Ltd', '示例客户有限公司'];
const BUYER_TAX_IDS = ['91110108MA04CUTA1M', '91310115MA03JKLM1J', '110105123456789', '91110106MA05CUTB2F'];

/**
 * `n` invoices for `find` tests: invoice i is issued one hour after i-1 over ~40 days, to one of four buyers, with one
 * of seven totals; every third has no tax record, every fifth a tax record under another issue day.
 */
export function findDataset(n: number): { ledger: LedgerRecord[]; tax: TaxRecord[] } {
  const out = { ledger: [] as LedgerRecord[], tax: [] as TaxRecord[] };
  for (let i = 0; i < n; i++) {
    const ids = [{ kind: 'digital' as const, number: `2611200000000${String(i).padStart(7, '0')}` }];
    const issuedAt = new Date(Date.UTC(2026, 9, 1) + i * 3_600_000).toISOString();
    const facts = {
      ids,
      issuedAt,
      buyerName: BUYERS[i % 4] as string,
      buyerTaxId: BUYER_TAX_IDS[i % 4] as string,
      total: 10_000 * (1 + (i % 7)),
    };
    out.ledger.push(ledger({ ...facts, requester: `U${i % 11}` }));
    if (i % 3 !== 0)
      out.tax.push(
        tax({
          ...facts,
          ...(i % 5 === 0 ? { issuedAt: new Date(Date.parse(issuedAt) + 86_400_000).toISOString() } : {}),
        }),
      );
  }
  return out;
}

/** What `find` must answer over `records`, by brute force: the true count and the newest `limit` issue times. */
export function bruteForceFind(records: Array<LedgerRecord | TaxRecord>, q: FindQuery, limit: number) {
  const pairs = new Map<string, InvoicePair>();
  for (const r of records) {
    const key = r.ids[0]?.kind === 'digital' ? r.ids[0].number : '';
    pairs.set(key, { ...pairs.get(key), [r.source]: r });
  }
  const matching = [...pairs.values()].filter((p) => {
    const sides = [p.ledger, p.tax].filter((r) => r !== undefined) as Array<LedgerRecord | TaxRecord>;
    // The issue day is the ledger's.
    const day = (p.ledger ?? p.tax)?.issuedAt.slice(0, 10) ?? '';
    return (
      (q.requester === undefined || p.ledger?.requester === q.requester) &&
      (q.total === undefined || sides.some((r) => r.total === q.total)) &&
      (q.taxId === undefined || sides.some((r) => r.sellerTaxId === q.taxId || r.buyerTaxId === q.taxId)) &&
      (!q.dayFrom || (day >= q.dayFrom && day <= (q.dayTo ?? q.dayFrom))) &&
      (!q.name ||
        sides.some((r) => `${r.sellerName}\n${r.buyerName}`.toLowerCase().includes(q.name?.toLowerCase() ?? '')))
    );
  });
  matching.sort((a, b) => (b.ledger?.issuedAt ?? '').localeCompare(a.ledger?.issuedAt ?? ''));
  return { count: matching.length, newest: matching.slice(0, limit).map((p) => p.ledger?.issuedAt) };
}

/** Queries over {@link findDataset}(1000) that match at most 200 invoices, each asking for a different index path. */
export const FEW_MATCHES: FindQuery[] = [
  { total: 30_000 },
  { dayFrom: '2026-10-05', dayTo: '2026-10-09', name: '乙' },
  { name: '没有这家' },
  { requester: 'U3' },
  { requester: 'U3', name: 'acme' },
  // An employee's `find` by exact amount: only their own invoices may answer it (issue 10's oracle).
  { total: 30_000, requester: 'U3' },
  { dayFrom: '2026-10-05', dayTo: '2026-10-20', requester: 'U3' },
  { total: 30_000, name: 'Acme' },
  { dayFrom: '2026-10-10', dayTo: '2026-10-11' },
  { dayFrom: '2026-10-10', dayTo: '2026-10-12', name: '示例客户' },
  { dayFrom: '2026-10-02', dayTo: '2026-10-02', total: 70_000 },
  { taxId: '110105123456789', dayFrom: '2026-10-05', dayTo: '2026-10-20' },
  { taxId: '91310115MA03JKLM1J', total: 20_000 },
  { taxId: '91110106MA05CUTB2F', requester: 'U3' },
  { taxId: '91440300MA06GDHL39' },
];

/** Queries over {@link findDataset}(1000) that match more than 200 invoices. */
export const MANY_MATCHES: FindQuery[] = [
  { name: '有限' },
  { dayFrom: '2000-01-01', dayTo: '2099-12-31' },
  { name: '示例' },
  { name: '乙贸易' },
  { name: 'acme' },
  { name: '京' },
  { taxId: '91110108MA04CUTA1M' },
];
