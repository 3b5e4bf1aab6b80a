import type pg from 'pg';
import type { ChecklistSession } from '../../domain/checklist-session.js';
import type { ChecklistStore } from '../../ports.js';
import { docTable } from './doc-table.js';

/**
 * Walk-throughs in PostgreSQL (`checklist_sessions`, migrations 001 and 009), for bots that share a database: a
 * user's next click or answer may land on another replica. `active` and `awaiting` use the unique partial index on
 * active rows, which also makes `begin` one `INSERT … ON CONFLICT DO NOTHING`; `prune` uses the index on
 * `updated_at`; `update` changes a walk-through under its row lock.
 */
export function createPgChecklistStore(pool: pg.Pool): ChecklistStore {
  const sessions = docTable<ChecklistSession>(pool, {
    table: 'checklist_sessions',
    columns: ['user_id', 'invoice_key', 'status', 'awaiting', 'updated_at'],
    values: (s) => [s.userId, s.invoiceKey, s.status, s.awaiting ?? null, s.updatedAt],
  });
  const one = async (sql: string, params: unknown[]) =>
    (await pool.query<{ doc: ChecklistSession }>(sql, params)).rows[0]?.doc;
  const activeOf = (userId: string, key: string) =>
    one(`SELECT doc FROM checklist_sessions WHERE user_id = $1 AND invoice_key = $2 AND status = 'active'`, [
      userId,
      key,
    ]);
  return {
    get: (id) => sessions.get(pool, id),
    active: (userId, key) => activeOf(userId, key),
    // The most recently touched one, if a user has several walk-throughs waiting for an answer.
    awaiting: (userId) =>
      one(
        `SELECT doc FROM checklist_sessions WHERE user_id = $1 AND status = 'active' AND awaiting IS NOT NULL
         ORDER BY updated_at DESC, id LIMIT 1`,
        [userId],
      ),
    async all() {
      const { rows } = await pool.query<{ doc: ChecklistSession }>(
        `SELECT doc FROM checklist_sessions ORDER BY doc->>'startedAt', id`,
      );
      return rows.map((r) => r.doc);
    },
    put: (session) => sessions.put(pool, session),
    async begin(session) {
      // The one active walk-through of a user and invoice: a second insert at the same instant conflicts and waits
      // for the first to commit, then does nothing. Should the winner end before it is read, insert again.
      for (;;) {
        const inserted = await pool.query(
          `INSERT INTO checklist_sessions (id, doc, user_id, invoice_key, status, awaiting, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (user_id, invoice_key) WHERE status = 'active' DO NOTHING`,
          [
            session.id,
            JSON.stringify(session),
            session.userId,
            session.invoiceKey,
            session.status,
            session.awaiting ?? null,
            session.updatedAt,
          ],
        );
        if (inserted.rowCount === 1) return { started: true, active: session };
        const active = await activeOf(session.userId, session.invoiceKey);
        if (active) return { started: false, active };
      }
    },
    update: sessions.update,
    async prune(before) {
      const result = await pool.query('DELETE FROM checklist_sessions WHERE updated_at < $1', [before.toISOString()]);
      return result.rowCount ?? 0;
    },
  };
}
