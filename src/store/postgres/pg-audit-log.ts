import type pg from 'pg';
import type { AuditEntry, AuditLog } from '../../ports.js';
import { type AuditLogOptions, createAuditBatcher } from '../audit-batcher.js';

// One INSERT for a whole batch: each column travels as one array parameter, and unnest turns them back into rows,
// ordered as recorded so that `seq` follows that order.
const INSERT_BATCH = `INSERT INTO audit_log (at, user_id, action, invoice, notice, detail)
  SELECT at, user_id, action, invoice, notice, detail
  FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
    WITH ORDINALITY AS batch (at, user_id, action, invoice, notice, detail, position)
  ORDER BY position`;

/**
 * The audit trail in PostgreSQL (`audit_log`, migration 001): appended, never updated. As with the JSONL log,
 * recording costs no query on the request's path: entries are buffered and inserted at most `flushMs` (100 ms)
 * later, on `flush()` and on `close()`, as one multi-row INSERT per batch, batches in order. Only the entry's own
 * fields are stored (who, what, which invoice or notice, a short detail), never amounts, tax ids or tokens. A failed
 * insert is reported once per outage and its entries are kept for the next flush; being one statement, a batch is
 * written whole or not at all, so a retry never duplicates an entry.
 */
export function createPgAuditLog(pool: pg.Pool, options: AuditLogOptions = {}): AuditLog {
  const { record, flush } = createAuditBatcher(async (batch) => {
    await pool.query(INSERT_BATCH, [
      batch.map((e) => e.at),
      batch.map((e) => e.user),
      batch.map((e) => e.action),
      batch.map((e) => e.invoice ?? null),
      batch.map((e) => e.notice ?? null),
      batch.map((e) => e.detail ?? null),
    ]);
  }, options);
  // The pool is the composition root's to close; closing the log only writes what is pending.
  return { record, flush, close: flush };
}

/** Which audit entries to read: `from` inclusive, `to` exclusive, optionally one user's or one invoice's. */
export type AuditQuery = { from: Date; to: Date; user?: string; invoice?: string };

// Rows read per query: the trail of a busy month does not have to fit in memory at once.
const PAGE = 5000;

/**
 * The audit entries matching `query` from `audit_log`, oldest first (by time, then by the order they were
 * inserted), read a page at a time (keyset pagination on `(at, seq)`), for `npm run audit`.
 */
export async function* readPgAuditLog(pool: pg.Pool, query: AuditQuery): AsyncGenerator<AuditEntry> {
  // The last row's time as the server prints it (microseconds and all), so the next page starts exactly after it.
  let after: { at: string; seq: string } | undefined;
  for (;;) {
    const result = await pool.query<{
      seq: string;
      at: Date;
      at_key: string;
      user_id: string;
      action: AuditEntry['action'];
      invoice: string | null;
      notice: string | null;
      detail: string | null;
    }>(
      `SELECT seq, at, at::text AS at_key, user_id, action, invoice, notice, detail FROM audit_log
       WHERE at >= $1 AND at < $2 AND ($3::text IS NULL OR user_id = $3) AND ($4::text IS NULL OR invoice = $4)
         AND ($5::timestamptz IS NULL OR (at, seq) > ($5, $6::bigint))
       ORDER BY at, seq LIMIT ${PAGE}`,
      [query.from, query.to, query.user ?? null, query.invoice ?? null, after?.at ?? null, after?.seq ?? null],
    );
    for (const row of result.rows)
      yield {
        at: row.at.toISOString(),
        user: row.user_id,
        action: row.action,
        ...(row.invoice === null ? {} : { invoice: row.invoice }),
        ...(row.notice === null ? {} : { notice: row.notice }),
        ...(row.detail === null ? {} : { detail: row.detail }),
      };
    const last = result.rows.at(-1);
    if (!last || result.rows.length < PAGE) return;
    after = { at: last.at_key, seq: last.seq };
  }
}
