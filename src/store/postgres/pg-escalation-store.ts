import type pg from 'pg';
import type { Escalation } from '../../domain/escalation.js';
import { nextEscalationId } from '../../domain/next-escalation-id.js';
import { SecondOpenEscalationError } from '../../domain/second-open-escalation-error.js';
import type { EscalationFiling, EscalationStore, FilingOutcome } from '../../ports.js';
import { docTable } from './doc-table.js';
import { withTransaction } from './with-transaction.js';

/** The statuses `isOpen` accepts, as the partial unique index of migration 001 names them. */
const OPEN = `status IN ('open', 'claimed', 'waiting')`;
// Filings take turns across replicas under this transaction-scoped advisory lock (a few filings a day: no contention).
const FILING_LOCK = 'invoice-desk:escalation-filing';
const UNIQUE_VIOLATION = '23505';
const ONE_OPEN_PER_INVOICE = 'escalations_one_open_per_invoice';
const FILING_ATTEMPTS = 3;

/**
 * Escalations in PostgreSQL (`escalations`, migration 001), for bots that share a database. `update` changes an
 * escalation under its row lock, so two leads clicking on two replicas are serialised: the second click's change is
 * computed on the first one's result. `file` takes the filing lock, so the open-escalation check and the day's
 * numbering see every earlier filing; the unique index on open escalations per invoice backs it up.
 */
export function createPgEscalationStore(pool: pg.Pool): EscalationStore {
  const escalations = docTable<Escalation>(pool, {
    table: 'escalations',
    columns: ['invoice_key', 'status', 'created_at'],
    values: (e) => [e.invoiceKey, e.status, e.createdAt],
  });

  const fileOnce = ({ invoiceKey, prefix, create, follow }: EscalationFiling) =>
    withTransaction(pool, async (client): Promise<FilingOutcome> => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [FILING_LOCK]);
      // After the lock, under READ COMMITTED, each statement sees every filing committed before it.
      const open = await client.query<{ doc: Escalation }>(
        `SELECT doc FROM escalations WHERE invoice_key = $1 AND ${OPEN} FOR UPDATE`,
        [invoiceKey],
      );
      const current = open.rows[0]?.doc;
      if (current) {
        const next = follow(current);
        if (next === undefined || next === current) return { followed: current };
        await escalations.replace(client, current.id, next);
        return { followed: next };
      }
      const taken = await client.query<{ id: string }>('SELECT id FROM escalations WHERE starts_with(id, $1)', [
        prefix,
      ]);
      const ids = taken.rows.map((r) => r.id);
      const created = create(nextEscalationId(prefix, ids));
      await escalations.insert(client, created);
      return { created };
    });

  const one = async (sql: string, params: unknown[]) =>
    (await pool.query<{ doc: Escalation }>(sql, params)).rows[0]?.doc;

  return {
    async all() {
      const { rows } = await pool.query<{ doc: Escalation }>('SELECT doc FROM escalations ORDER BY created_at, id');
      return rows.map((r) => r.doc);
    },
    get: (id) => escalations.get(pool, id),
    async openFor(key) {
      const { rows } = await pool.query<{ doc: Escalation }>(
        `SELECT doc FROM escalations WHERE invoice_key = $1 AND ${OPEN}`,
        [key],
      );
      return rows[0]?.doc;
    },
    // Escalations waiting on the requester are few: the status index finds them, then the people are checked.
    waitingOn: async (userId) =>
      one(
        `SELECT doc FROM escalations WHERE status = 'waiting' AND (doc->>'requester' = $1 OR doc->'followers' ? $1)
         ORDER BY created_at DESC, id LIMIT 1`,
        [userId],
      ),
    // Every reply in any thread the bot can see asks this: migration 006's index on the posts answers it. No LIMIT: with
    // one the planner bets on finding a match early in a sequential scan, and a reply in a thread that is no
    // escalation's (the usual case) reads the whole table.
    byPost: (channel, ts) =>
      one(`SELECT doc FROM escalations WHERE doc->'posts' @> $1::jsonb`, [JSON.stringify([{ channel, ts }])]),
    async file(filing) {
      // A reopened escalation (an `update`, which does not take the filing lock) can make the invoice open between
      // the check and the insert: the unique index refuses the insert, and the next attempt follows that one.
      for (let attempt = 1; ; attempt++) {
        try {
          return await fileOnce(filing);
        } catch (error) {
          if (attempt >= FILING_ATTEMPTS || (error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
        }
      }
    },
    put: (escalation) => escalations.put(pool, escalation),
    async update(id, change) {
      let key: string | undefined;
      try {
        return await escalations.update(id, (current) => {
          const next = change(current);
          key = next?.invoiceKey;
          return next;
        });
      } catch (error) {
        if ((error as { constraint?: string }).constraint === ONE_OPEN_PER_INVOICE && key)
          throw new SecondOpenEscalationError(key);
        throw error;
      }
    },
  };
}
