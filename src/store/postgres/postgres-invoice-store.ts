import type pg from 'pg';
import { type InvoiceId, invoiceKey, keyToId } from '../../domain/identifier.js';
import type { Coverage, InvoicePair, LedgerRecord, TaxRecord } from '../../domain/invoice.js';
import type { FindQuery, FindResult, InvoiceReads, InvoiceStore } from '../../ports.js';
import { importSide, importSideBatches, importSideLines } from './import-side.js';
import { bulkRebuild, type RebuildPolicy } from './rebuild-invoices.js';

// Counting stops after this many matches ("more than 200 match"), as in the embedded store: a person reads ten.
const COUNT_CAP = 200;

type PairRow = { ledger: LedgerRecord | null; tax: TaxRecord | null };
type CoverageRow = { from: string; to: string; importedAt: string; file: string; rows: number };

const COVERAGE = `SELECT from_day AS "from", to_day AS "to", imported_at AS "importedAt", file, rows FROM import_coverage`;

function toPair(row: PairRow | undefined): InvoicePair {
  return { ...(row?.ledger ? { ledger: row.ledger } : {}), ...(row?.tax ? { tax: row.tax } : {}) };
}

function toCoverage(row: CoverageRow): Coverage {
  return { from: row.from, to: row.to, importedAt: row.importedAt, file: row.file, rows: row.rows };
}

// `%` and `_` typed in a name fragment are letters to look for, not wildcards.
function containing(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * How a `find` is answered. `names` (the ids of the few names a fragment matches): from `invoice_name_refs`, a
 * short range of its index per name, joined to the invoices only for the other filters. `narrow` (an amount, a tax
 * id or a requester): from that array's or column's index, sorted after. `broad`: walking the newest-first index.
 */
type Plan = { by: 'names'; ids: number[] } | { by: 'narrow' } | { by: 'broad' };

/** The WHERE clause of a `find` and its parameters (`v`: the invoices; `r`: the name rows when the plan is `names`). */
function findFilter(query: FindQuery, plan: Plan): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const terms: string[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  // One name (a company): an equality, so its index range is also in the order `find` lists.
  if (plan.by === 'names')
    terms.push(
      plan.ids.length === 1 ? `r.name_id = ${param(plan.ids[0])}` : `r.name_id = ANY (${param(plan.ids)}::integer[])`,
    );
  if (query.total !== undefined) terms.push(`v.totals @> ARRAY[${param(query.total)}::bigint]`);
  if (query.dayFrom) {
    // `issued_at` starts with its day, and sorts byte-wise ("C"): the days from..to are one range of its index.
    const at = plan.by === 'names' ? 'r.issued_at' : 'v.issued_at';
    const days = `${at} >= ${param(query.dayFrom)} AND ${at} < ${param(`${query.dayTo ?? query.dayFrom}~`)}`;
    // In a narrow search by an amount or a tax id, that array's index finds the few matches and the days only filter
    // them: `IS TRUE` keeps the planner off the newest-first index, which, misjudging how rare the array's matches
    // are, it would otherwise walk for the whole range, reading each row.
    const driven = plan.by === 'narrow' && (query.total !== undefined || query.taxId !== undefined);
    terms.push(driven ? `(${days}) IS TRUE` : days);
  }
  if (query.name !== undefined && plan.by !== 'names')
    // A broad fragment matches most invoices: `IS TRUE` keeps the planner on the newest-first walk, which meets ten
    // matches at once.
    terms.push(
      `(v.names && ARRAY(SELECT name FROM invoice_names WHERE name ILIKE ${param(containing(query.name))})) IS TRUE`,
    );
  if (query.taxId !== undefined) terms.push(`v.tax_ids @> ARRAY[${param(query.taxId)}::text]`);
  if (query.requester !== undefined) terms.push(`v.requester = ${param(query.requester)}`);
  return { where: terms.length > 0 ? `WHERE ${terms.join(' AND ')}` : '', params };
}

// The queries a lookup makes are named: node-postgres prepares a named statement once per connection, and every
// later lookup on that connection skips the server's parse and plan (a point query by key plans as well generically).

/**
 * The invoice store in PostgreSQL (`DATABASE_URL`), shared by every replica: exact lookups through the `invoice_ids`
 * index, `find` through the indexed columns and the trigram index on names, and imports in one transaction with
 * COPY (see {@link importSide}). The pool must come from `openPostgres` (schema migrated, search_path set).
 * `rebuild` says which imports write a fresh invoices table instead of the live one (default {@link bulkRebuild}).
 */
export function createPostgresInvoiceStore(
  pool: pg.Pool,
  { rebuild = bulkRebuild }: { rebuild?: RebuildPolicy } = {},
): InvoiceStore {
  return {
    get: async (id: InvoiceId): Promise<InvoicePair> => {
      const { rows } = await pool.query<PairRow>({
        name: 'invoice-get',
        text: 'SELECT ledger, tax FROM invoices WHERE pk = (SELECT pk FROM invoice_ids WHERE id_key = $1)',
        values: [invoiceKey(id)],
      });
      return toPair(rows[0]);
    },
    // One round trip for what a lookup reads: the invoice through any of its ids, the tax coverage (a short table),
    // and the red letters reversing it (by its primary key, or by the key asked for when no invoice has that id).
    lookup: async (id: InvoiceId): Promise<InvoiceReads> => {
      const { rows } = await pool.query<PairRow & { coverage: CoverageRow[]; reversed: string[] }>({
        name: 'invoice-lookup',
        text: `SELECT v.ledger, v.tax,
           (SELECT coalesce(json_agg(json_build_object('from', from_day, 'to', to_day, 'importedAt', imported_at,
                     'file', file, 'rows', rows) ORDER BY seq), '[]')
            FROM import_coverage WHERE source = 'tax') AS coverage,
           ARRAY(SELECT r.pk FROM invoices r WHERE r.red_of = coalesce(i.pk, k.key) ORDER BY r.pk) AS reversed
         FROM (SELECT $1::text AS key) AS k
           LEFT JOIN invoice_ids i ON i.id_key = k.key
           LEFT JOIN invoices v ON v.pk = i.pk`,
        values: [invoiceKey(id)],
      });
      const row = rows[0];
      return {
        pair: toPair(row),
        coverage: (row?.coverage ?? []).map(toCoverage),
        reversedBy: (row?.reversed ?? []).map(keyToId),
      };
    },
    has: async (id: InvoiceId): Promise<boolean> => (await known(pool, [id])).length > 0,
    // The near-match variants in one query.
    known: (ids: InvoiceId[]): Promise<InvoiceId[]> => known(pool, ids),
    byNumber8: async (number: string): Promise<InvoiceId[]> => {
      const { rows } = await pool.query<{ pk: string }>({
        name: 'invoice-by-number8',
        text: 'SELECT DISTINCT pk FROM invoice_ids WHERE number8 = $1 ORDER BY pk',
        values: [number],
      });
      return rows.map((r) => keyToId(r.pk));
    },
    reversedBy: async (id: InvoiceId): Promise<InvoiceId[]> => {
      const { rows } = await pool.query<{ pk: string }>({
        name: 'invoice-reversed-by',
        text: 'SELECT pk FROM invoices WHERE red_of = coalesce((SELECT pk FROM invoice_ids WHERE id_key = $1), $1) ORDER BY pk',
        values: [invoiceKey(id)],
      });
      return rows.map((r) => keyToId(r.pk));
    },
    find: (query: FindQuery, limit: number): Promise<FindResult> => find(pool, query, limit),
    coverage: async (): Promise<Coverage[]> =>
      (
        await pool.query<CoverageRow>({
          name: 'invoice-coverage',
          text: `${COVERAGE} WHERE source = 'tax' ORDER BY seq`,
        })
      ).rows.map(toCoverage),
    lastLedgerImport: async (): Promise<Coverage | undefined> => {
      const { rows } = await pool.query<CoverageRow>(`${COVERAGE} WHERE source = 'ledger' ORDER BY seq DESC LIMIT 1`);
      return rows[0] ? toCoverage(rows[0]) : undefined;
    },
    missingFromTax: async (): Promise<InvoiceId[]> => {
      const { rows } = await pool.query<{ id: InvoiceId }>(
        `SELECT ledger->'ids'->0 AS id FROM invoices WHERE tax IS NULL ORDER BY pk`,
      );
      return rows.map((r) => r.id);
    },
    counts: async (): Promise<{ ledger: number; tax: number }> => {
      const { rows } = await pool.query<{ source: 'ledger' | 'tax'; records: string }>(
        'SELECT source, records FROM invoice_counts',
      );
      const of = (source: string) => Number(rows.find((r) => r.source === source)?.records ?? 0);
      return { ledger: of('ledger'), tax: of('tax') };
    },
    importLedger: (records: LedgerRecord[], now: Date, meta?: Coverage) =>
      importSide(pool, 'ledger', records, now, (client) => recordLedgerImport(client, meta), rebuild),
    importTax: (records: TaxRecord[], cover: Coverage | undefined, now: Date) =>
      importSide(pool, 'tax', records, now, (client) => recordTaxCoverage(client, cover), rebuild),
    // A checked file's records, streamed into COPY batch by batch as the import worker hands them over.
    importBatches: (source, batches, now, meta) =>
      importSideBatches(pool, source, batches, now, (client) => recordImport(client, source, meta()), rebuild),
    // The same, while the worker is still checking the file: a refused file rolls the transaction back.
    importLines: (source, batches, now, meta) =>
      importSideLines(pool, source, batches, now, (client) => recordImport(client, source, meta()), rebuild),
  };
}

function recordImport(client: pg.PoolClient, source: 'ledger' | 'tax', meta: Coverage | undefined): Promise<void> {
  return source === 'ledger' ? recordLedgerImport(client, meta) : recordTaxCoverage(client, meta);
}

async function recordLedgerImport(client: pg.PoolClient, meta: Coverage | undefined): Promise<void> {
  if (meta) await insertCoverage(client, 'ledger', meta);
}

async function recordTaxCoverage(client: pg.PoolClient, cover: Coverage | undefined): Promise<void> {
  // A filtered import (one invoice type) says nothing about which days the tax data covers.
  if (!cover) return;
  // Re-importing the same file still refreshes "last synced": the data was confirmed current.
  const { rowCount } = await client.query(
    `UPDATE import_coverage SET imported_at = $4, rows = $5
     WHERE source = 'tax' AND from_day = $1 AND to_day = $2 AND file = $3
       AND EXISTS (SELECT 1 FROM import_coverage WHERE source = 'tax' AND from_day = $1 AND to_day = $2 AND file = $3 AND rows = $5)`,
    [cover.from, cover.to, cover.file, cover.importedAt, cover.rows],
  );
  if (!rowCount) await insertCoverage(client, 'tax', cover);
}

async function insertCoverage(client: pg.PoolClient, source: 'ledger' | 'tax', c: Coverage): Promise<void> {
  await client.query(
    'INSERT INTO import_coverage (source, from_day, to_day, imported_at, file, rows) VALUES ($1, $2, $3, $4, $5, $6)',
    [source, c.from, c.to, c.importedAt, c.file, c.rows],
  );
}

async function known(pool: pg.Pool, ids: InvoiceId[]): Promise<InvoiceId[]> {
  if (ids.length === 0) return [];
  const keys = ids.map(invoiceKey);
  const { rows } = await pool.query<{ id_key: string }>({
    name: 'invoice-known',
    text: 'SELECT id_key FROM invoice_ids WHERE id_key = ANY($1)',
    values: [keys],
  });
  const found = new Set(rows.map((r) => r.id_key));
  return ids.filter((_, i) => found.has(keys[i] as string));
}

// A name fragment matching at most this many distinct names is a narrow search (a company); more is a broad one.
const FEW_NAMES = 50;

/**
 * How to answer a query (see {@link Plan}): narrow when its filters leave few invoices — a name fragment that matches
 * few names, an amount, a tax id, a requester. PostgreSQL cannot estimate array containment well (it assumes 0.5 %
 * of rows), and with a LIMIT it would then walk the newest-first index hoping to meet a match soon: seconds at a
 * million rows for an amount that matches none. Narrow searches are therefore answered from their indexes first and
 * sorted after.
 */
async function planFor(pool: pg.Pool, query: FindQuery): Promise<Plan> {
  if (query.name !== undefined) {
    const { rows } = await pool.query<{ id: number }>({
      name: 'invoice-find-names',
      text: 'SELECT id FROM invoice_names WHERE name ILIKE $1 LIMIT $2',
      values: [containing(query.name), FEW_NAMES + 1],
    });
    if (rows.length <= FEW_NAMES) return { by: 'names', ids: rows.map((r) => r.id) };
  }
  if (query.total !== undefined || query.taxId !== undefined || query.requester !== undefined) return { by: 'narrow' };
  return { by: 'broad' };
}

async function find(pool: pg.Pool, query: FindQuery, limit: number): Promise<FindResult> {
  const cap = Math.max(limit, COUNT_CAP);
  const plan = await planFor(pool, query);
  const { where, params } = findFilter(query, plan);
  const limitParam = `$${params.length + 1}`;
  const others = query.total !== undefined || query.taxId !== undefined || query.requester !== undefined;
  if (plan.by === 'names' && plan.ids.length === 0) return { pairs: [], count: 0, more: false };
  if (plan.by === 'names' && plan.ids.length === 1 && !others) {
    // A company's invoices: counted in its index range, the newest ten read from its end, without sorting them all.
    const { rows } = await pool.query<PairRow & { n: number }>(
      `SELECT (SELECT count(*)::integer FROM invoice_name_refs r ${where}) AS n, v.ledger, v.tax
       FROM (SELECT r.pk, r.issued_at FROM invoice_name_refs r ${where}
             ORDER BY r.issued_at DESC, r.pk DESC LIMIT ${limitParam}) AS t
       JOIN invoices v ON v.pk = t.pk ORDER BY t.issued_at DESC, t.pk DESC`,
      [...params, limit],
    );
    return { pairs: rows.map(toPair), count: rows[0]?.n ?? 0, more: false };
  }
  if (plan.by !== 'broad') {
    // MATERIALIZED: the matches are found without regard to order (index ranges, bitmap scans), then counted
    // exactly and sorted; only the ten listed are read from the invoices. By name, an invoice that carries two of the
    // names has two rows: DISTINCT counts it once. The invoices are joined only when another filter needs them.
    const matches =
      plan.by === 'names'
        ? `SELECT DISTINCT r.pk, r.issued_at FROM invoice_name_refs r ${others ? 'JOIN invoices v ON v.pk = r.pk' : ''} ${where}`
        : `SELECT v.pk, v.issued_at FROM invoices v ${where}`;
    const { rows } = await pool.query<PairRow & { n: number }>(
      `WITH m AS MATERIALIZED (${matches})
       SELECT (SELECT count(*)::integer FROM m) AS n, v.ledger, v.tax
       FROM (SELECT pk, issued_at FROM m ORDER BY issued_at DESC, pk DESC LIMIT ${limitParam}) AS t
       JOIN invoices v ON v.pk = t.pk ORDER BY t.issued_at DESC, t.pk DESC`,
      [...params, limit],
    );
    return { pairs: rows.map(toPair), count: rows[0]?.n ?? 0, more: false };
  }
  // Broad: the newest-first index is walked and the walk stops at the limit; counting stops after `cap`.
  const [listed, counted] = await Promise.all([
    pool.query<PairRow>(
      `SELECT v.ledger, v.tax FROM invoices v ${where} ORDER BY v.issued_at DESC, v.pk DESC LIMIT ${limitParam}`,
      [...params, limit],
    ),
    pool.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM (SELECT 1 FROM invoices v ${where} LIMIT ${limitParam}) AS capped`,
      [...params, cap + 1],
    ),
  ]);
  const count = counted.rows[0]?.n ?? 0;
  return { pairs: listed.rows.map(toPair), count: Math.min(count, cap), more: count > cap };
}
