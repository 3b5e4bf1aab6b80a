import type pg from 'pg';
import { StoreBusyError } from '../../lib/store-busy-error.js';
import { derivedColumns, INVOICE_COLUMNS, type Side } from './invoice-sql.js';

/**
 * Whether an import that writes `writes` invoices (new or changed) into a table of about `stored` rebuilds `invoices`
 * (see {@link buildNextInvoices}) instead of writing into it row by row.
 */
export type RebuildPolicy = (writes: number, stored: number) => boolean;

/**
 * The default {@link RebuildPolicy}: a bulk import — at least 20,000 invoices written, and at least half as many as
 * the table holds — rebuilds. Writing a row into a fresh table without indexes and building each index once after is
 * about a third of what inserting or updating it in place costs with seven indexes to keep (100k tax rows: 3.2–3.6 s
 * of PostgreSQL CPU in place against ~1.2 s rebuilt), but a rebuild copies every row the import does not touch as
 * well, so a sync of a few days into a big table stays in place.
 * @example bulkRebuild(950_000, 1_000_000) // true
 */
export const bulkRebuild: RebuildPolicy = (writes, stored) => writes >= 20_000 && 2 * writes >= stored;

const NEXT = 'invoices_next';

/**
 * A table a bulk import may write afresh as `<table>_next` and swap in at its end: the invoices always
 * ({@link buildNextInvoices}), their ids and name rows when the import starts from none (see `import-side.ts`).
 */
export type RebuiltTable = 'invoices' | 'invoice_ids' | 'invoice_name_refs';

// The columns of `invoices` a query filters or sorts on (the documents are only read).
const ANALYZED = ['pk', 'issued_at', 'totals', 'names', 'tax_ids', 'requester', 'red_of'];

/** An index of a table as the catalog defines it, and the name its copy takes on `<table>_next`. */
type IndexDef = { name: string; def: string; primary: boolean };

async function tableIndexes(client: pg.PoolClient, table: RebuiltTable): Promise<IndexDef[]> {
  const { rows } = await client.query<IndexDef>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def, i.indisprimary AS primary
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass ORDER BY c.relname`,
    [table],
  );
  return rows;
}

// `CREATE [UNIQUE] INDEX name ON schema.table USING …` as the catalog prints it, for `<table>_next`.
function nextIndexSql({ name, def }: IndexDef, table: RebuiltTable): string {
  const pattern = new RegExp(`^CREATE (UNIQUE )?INDEX (\\S+) ON (?:\\S+\\.)?${table} USING `);
  if (!pattern.test(def) || `${name}_next`.length > 63) throw new Error(`cannot copy the index ${name}: ${def}`);
  return def.replace(
    pattern,
    (_, unique?: string) => `CREATE ${unique ?? ''}INDEX ${name}_next ON ${table}_next USING `,
  );
}

/**
 * Creates `<table>_next` inside the import's transaction, with the columns, defaults and constraints of `table` but
 * none of its indexes yet: rows go in without index upkeep, and {@link indexNext} builds each index once after.
 */
export async function createNext(client: pg.PoolClient, table: RebuiltTable): Promise<void> {
  // Each index is built by one sort in memory rather than in runs on disk (this transaction only).
  await client.query("SET LOCAL maintenance_work_mem = '256MB'");
  await client.query(`CREATE TABLE ${table}_next (LIKE ${table} INCLUDING ALL EXCLUDING INDEXES)`);
}

/**
 * Builds on `<table>_next` a copy of each index `table` has (read from the catalog, so an index a later migration
 * adds is rebuilt too), then its statistics (of `columns` only, when given).
 */
export async function indexNext(client: pg.PoolClient, table: RebuiltTable, columns?: string[]): Promise<void> {
  for (const index of await tableIndexes(client, table)) await client.query(nextIndexSql(index, table));
  await client.query(`ANALYZE ${table}_next${columns ? ` (${columns.join(', ')})` : ''}`);
}

/**
 * Builds `invoices_next` inside the import's transaction: every invoice as this import leaves it (the staged rows of
 * `incoming`, one per invoice, become this side of their invoices; every other invoice is copied as it is), then its
 * indexes and statistics. Readers go on using `invoices` meanwhile; {@link swapIn} replaces it at the end. `around`
 * may make the insert part of a larger statement (a CTE whose `RETURNING` feeds another write); its result is returned.
 */
export async function buildNextInvoices(
  client: pg.PoolClient,
  side: Side,
  around: (insert: string) => string = (insert) => insert,
): Promise<pg.QueryResult> {
  await createNext(client, 'invoices');
  // One pass over the stored invoices, joined in full to the staged rows: a staged row becomes this side of its
  // invoice (new or not), every stored invoice without one is copied as it is. Writing the two kinds in two
  // statements read the 1.3 GB table twice at a million rows, once only to find the invoices the file leaves alone
  // (95k tax rows against 100k invoices: 0.91 + 0.64 s of the backend's CPU for the two).
  const written = derivedColumns(side === 'ledger' ? 'n.doc' : 'v.ledger', side === 'tax' ? 'n.doc' : 'v.tax');
  const copied = (column: string, staged: string) => `CASE WHEN n.pk IS NULL THEN v.${column} ELSE ${staged} END`;
  const values: Record<string, string> = {
    pk: 'coalesce(n.pk, v.pk)',
    ledger: side === 'ledger' ? copied('ledger', 'n.doc') : 'v.ledger',
    tax: side === 'tax' ? copied('tax', 'n.doc') : 'v.tax',
    red_of: side === 'tax' ? copied('red_of', 'n.red_of') : 'v.red_of',
  };
  for (const [column, sql] of Object.entries(written)) values[column] = copied(column, sql);
  const result = await client.query(
    around(`INSERT INTO ${NEXT} (${INVOICE_COLUMNS.join(', ')})
     SELECT ${INVOICE_COLUMNS.map((c) => values[c]).join(', ')}
     FROM incoming n FULL JOIN invoices v ON v.pk = n.pk`),
  );
  // The statistics belong to the table: without them `find`'s plans would be guessed. Only the columns queries filter
  // or sort on: the documents' statistics (a kilobyte of JSON a row) took most of the time (100k rows: 0.7-1.0 s).
  await indexNext(client, 'invoices', ANALYZED);
  return result;
}

/**
 * Replaces each of `tables` with its `<table>_next` under the same names (table, indexes, primary key). The drop waits
 * for the queries reading the old tables and holds new ones until the transaction commits, so the caller runs this
 * last. Queries waiting meanwhile, and statements prepared before, then read the new tables. All of them are dropped
 * in one statement: a table dropped on its own would stay locked through the next one's tries and pauses.
 */
export async function swapIn(client: pg.PoolClient, tables: readonly RebuiltTable[]): Promise<void> {
  const indexes = [];
  for (const table of tables) indexes.push({ table, of: await tableIndexes(client, table) });
  await dropOld(client, tables);
  for (const { table, of } of indexes) {
    await client.query(`ALTER TABLE ${table}_next RENAME TO ${table}`);
    for (const { name, primary } of of)
      await client.query(
        primary
          ? `ALTER TABLE ${table} ADD CONSTRAINT ${name} PRIMARY KEY USING INDEX ${name}_next`
          : `ALTER INDEX ${name}_next RENAME TO ${name}`,
      );
  }
}

// How long the drop may wait for the readers of the old table in one try, and the pause between tries. While the
// drop waits, every new lookup on every replica queues behind it, so a try must end well inside Slack's 3-second
// ack; between tries the lookups flow again.
const DROP_WAIT = '1s';
const DROP_TRIES = 3;
const DROP_PAUSE_MS = 2000;
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Thrown when a long reader of the invoices (a `pg_dump`, a report, a session left idle in a transaction) kept the
 * swap from taking the table: the import is rolled back whole rather than hold every lookup behind that reader.
 */
export class InvoicesBusyError extends StoreBusyError {
  constructor() {
    super(
      'The import was rolled back: another session kept reading the invoices table (a pg_dump, a report, or a session idle in a transaction; see pg_stat_activity), and replacing it would have held every lookup until that session ended. Nothing changed; run the import again when that session has finished.',
    );
  }
}

// The drop with a bounded wait, in a savepoint so that a timed-out try leaves the import's transaction usable.
async function dropOld(client: pg.PoolClient, tables: readonly RebuiltTable[]): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await client.query('SAVEPOINT drop_invoices');
    await client.query(`SET LOCAL lock_timeout = '${DROP_WAIT}'`);
    try {
      await client.query(`DROP TABLE ${tables.join(', ')}`);
      await client.query('RELEASE SAVEPOINT drop_invoices');
      await client.query('SET LOCAL lock_timeout = DEFAULT');
      return;
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT drop_invoices');
      if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw error;
      if (attempt === DROP_TRIES) throw new InvoicesBusyError();
      await new Promise((resolve) => setTimeout(resolve, DROP_PAUSE_MS));
    }
  }
}
