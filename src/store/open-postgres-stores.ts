import type { Clock } from '../ports.js';
import { createJsonlAuditLog } from './jsonl-audit-log.js';
import { createJsonlDedupeStore } from './jsonl-dedupe-store.js';
import { createLowdbPrefsStore } from './lowdb-prefs-store.js';
import { createLowdbScheduleStore } from './lowdb-schedule-store.js';
import { createLowdbWatchStore } from './lowdb-watch-store.js';
import { createMemoryConversationMemory } from './memory-conversation-memory.js';
import type { StatePorts } from './open-stores.js';
import type { PgTarget } from './postgres/create-pg-pool.js';
import { openPostgres } from './postgres/open-postgres.js';
import { createPgChecklistStore } from './postgres/pg-checklist-store.js';
import { createPgDeductionStore } from './postgres/pg-deduction-store.js';
import { createPgEscalationStore } from './postgres/pg-escalation-store.js';
import { createPgNoticeStore } from './postgres/pg-notice-store.js';
import { createPostgresBackup } from './postgres/postgres-backup.js';
import { createPostgresInvoiceStore } from './postgres/postgres-invoice-store.js';
import { createPostgresGreetingStore, createPostgresQuestionLog } from './postgres/postgres-question-log.js';

/**
 * Every store in PostgreSQL on one pool (`DATABASE_URL`), so replicas sharing the database answer alike: the pool is
 * opened and the schema migrated (under the migration lock) before any store is built on it. Backups are a pg_dump
 * of the schema, in this replica's DATA_DIR with its settings files.
 */
export async function openPostgresStores(dataDir: string, clock: Clock, database: PgTarget): Promise<StatePorts> {
  const pool = await openPostgres(database);
  return {
    store: createPostgresInvoiceStore(pool),
    prefs: await createLowdbPrefsStore(dataDir),
    sessions: createPgChecklistStore(pool),
    watches: await createLowdbWatchStore(dataDir),
    notices: createPgNoticeStore(pool),
    escalations: createPgEscalationStore(pool),
    schedule: await createLowdbScheduleStore(dataDir),
    memory: createMemoryConversationMemory(clock),
    deductions: createPgDeductionStore(pool),
    backup: async (reason) => (await createPostgresBackup(dataDir, database, reason, clock.now())).folder,
    audit: await createJsonlAuditLog(dataDir),
    questions: createPostgresQuestionLog(pool),
    greetings: createPostgresGreetingStore(pool),
    openDedupe: (onWriteError) => createJsonlDedupeStore(dataDir, { onWriteError }),
    close: () => pool.end(),
  };
}
