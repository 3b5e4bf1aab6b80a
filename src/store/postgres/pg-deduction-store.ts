import type pg from 'pg';
import type { DeductionEntry, DeductionImport } from '../../domain/deduction-record.js';
import { invoiceKey } from '../../domain/identifier.js';
import type { DeductionStore } from '../../ports.js';
import { applySelections } from '../apply-selections.js';
import { withTransaction } from './with-transaction.js';

// Imports of selections take turns across replicas, so two at once cannot count the same row as added twice. The
// lock is the schema's own (advisory locks are database-wide): bots on other schemas import independently.
const IMPORT_LOCK = 'invoice-desk:deduction-import:';

/**
 * Deduction selections in PostgreSQL (`deduction_selections`, `deduction_imports`, migration 004): the same port as
 * the file adapter, for bots that share a database. An import reads the rows it replaces, works out the changes with
 * the adapters' shared rule, and writes every row and the import record in one transaction: all or nothing.
 */
export function createPgDeductionStore(pool: pg.Pool): DeductionStore {
  return {
    async get(key) {
      // Named, as the other reads of a lookup: prepared once per connection.
      const { rows } = await pool.query<{ doc: DeductionEntry }>({
        name: 'deduction-get',
        text: 'SELECT doc FROM deduction_selections WHERE invoice_key = $1',
        values: [key],
      });
      return rows[0]?.doc;
    },
    async all() {
      const { rows } = await pool.query<{ doc: DeductionEntry }>(
        'SELECT doc FROM deduction_selections ORDER BY invoice_key',
      );
      return rows.map((r) => r.doc);
    },
    importSelections: (records, source, now) =>
      withTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1 || current_schema()))', [IMPORT_LOCK]);
        const keys = records.map((r) => invoiceKey(r.id));
        const existing = await client.query<{ invoice_key: string; doc: DeductionEntry }>(
          'SELECT invoice_key, doc FROM deduction_selections WHERE invoice_key = ANY($1::text[])',
          [keys],
        );
        const current = { entries: new Map(existing.rows.map((r) => [r.invoice_key, r.doc])), imports: [] };
        const { next, changes } = applySelections(current, records, source, now);
        // One statement for the whole export: the rows travel as one JSON object, key → entry.
        await client.query(
          `INSERT INTO deduction_selections (invoice_key, doc, period, imported_at)
             SELECT e.key, e.value, e.value->>'period', e.value->>'importedAt' FROM jsonb_each($1::jsonb) AS e
           ON CONFLICT (invoice_key) DO UPDATE
             SET doc = EXCLUDED.doc, period = EXCLUDED.period, imported_at = EXCLUDED.imported_at`,
          [JSON.stringify(Object.fromEntries(next.entries))],
        );
        const made = next.imports.at(-1);
        if (made)
          await client.query(
            'INSERT INTO deduction_imports (imported_at, file, rows, period) VALUES ($1, $2, $3, $4)',
            [made.importedAt, made.file, made.rows, made.period],
          );
        return changes;
      }),
    async lastImport() {
      const { rows } = await pool.query<DeductionImport>({
        name: 'deduction-last-import',
        text: `SELECT imported_at AS "importedAt", file, rows, period FROM deduction_imports ORDER BY seq DESC LIMIT 1`,
      });
      return rows[0];
    },
  };
}
