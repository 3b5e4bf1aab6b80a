import type { InvoiceStore } from '../ports.js';
import { createBackup } from './backups.js';
import { createLowdbInvoiceStore } from './lowdb-invoice-store.js';
import type { PgTarget } from './postgres/create-pg-pool.js';
import { openPostgres } from './postgres/open-postgres.js';
import { createPostgresBackup } from './postgres/postgres-backup.js';
import { createPostgresInvoiceStore } from './postgres/postgres-invoice-store.js';

/** The invoice store the configuration selects, the backup that fits it, and what to close when the bot stops. */
export type OpenedInvoiceStore = {
  store: InvoiceStore;
  /** A backup before a sync or daily: DATA_DIR's files, plus a pg_dump of the schema in PostgreSQL mode; where. */
  backup(reason: string, now: Date): Promise<string>;
  close(): Promise<void>;
};

/**
 * PostgreSQL when `database` is given (`DATABASE_URL`: migrations are applied first, under their lock), else the
 * lowdb store in DATA_DIR.
 */
export async function openInvoiceStore(dataDir: string, database?: PgTarget): Promise<OpenedInvoiceStore> {
  if (!database)
    return {
      store: await createLowdbInvoiceStore(dataDir),
      backup: (reason, now) => createBackup(dataDir, reason, now),
      close: async () => {},
    };
  const pool = await openPostgres(database);
  return {
    store: createPostgresInvoiceStore(pool),
    backup: async (reason, now) => (await createPostgresBackup(dataDir, database, reason, now)).folder,
    close: () => pool.end(),
  };
}
