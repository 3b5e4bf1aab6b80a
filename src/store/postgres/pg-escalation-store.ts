import type pg from 'pg';
import type { Escalation } from '../../domain/escalation.js';
import type { EscalationStore } from '../../ports.js';
import { docTable } from './doc-table.js';

/** The statuses `isOpen` accepts, as the partial unique index of migration 001 names them. */
const OPEN = `status IN ('open', 'claimed', 'waiting')`;

/**
 * Escalations in PostgreSQL (`escalations`, migration 001), for bots that share a database. `update` changes an
 * escalation under its row lock, so two leads clicking on two replicas are serialised: the second click's change is
 * computed on the first one's result. `openFor` uses the unique index that allows one open escalation per invoice.
 */
export function createPgEscalationStore(pool: pg.Pool): EscalationStore {
  const escalations = docTable<Escalation>(pool, {
    table: 'escalations',
    columns: ['invoice_key', 'status', 'created_at'],
    values: (e) => [e.invoiceKey, e.status, e.createdAt],
  });
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
    put: (escalation) => escalations.put(pool, escalation),
    update: escalations.update,
  };
}
