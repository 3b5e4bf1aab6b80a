import type { Clock } from '../ports.js';
import type { StatePorts } from './open-stores.js';
import type { PgTarget } from './postgres/create-pg-pool.js';
import { openPostgres } from './postgres/open-postgres.js';
import { createPgAuditLog } from './postgres/pg-audit-log.js';
import { createPgChecklistStore } from './postgres/pg-checklist-store.js';
import { createPgConversationMemory } from './postgres/pg-conversation-memory.js';
import { createPgDeductionStore } from './postgres/pg-deduction-store.js';
import { createPgDedupeStore } from './postgres/pg-dedupe-store.js';
import { createPgEscalationStore } from './postgres/pg-escalation-store.js';
import { createPgGreetingStore } from './postgres/pg-greeting-store.js';
import { createPgNoticeStore } from './postgres/pg-notice-store.js';
import { createPgPrefsStore } from './postgres/pg-prefs-store.js';
import { createPgScheduleStore } from './postgres/pg-schedule-store.js';
import { createPgWatchStore } from './postgres/pg-watch-store.js';
import { createPostgresBackup } from './postgres/postgres-backup.js';
import { createPostgresInvoiceStore } from './postgres/postgres-invoice-store.js';
import { createPostgresQuestionLog } from './postgres/postgres-question-log.js';
import type { ScheduleOptions } from './schedule-slots.js';

/**
 * Every store in PostgreSQL on one pool (`DATABASE_URL`), so replicas sharing the database answer alike: the pool is
 * opened and the schema migrated (under the migration lock) before any store is built on it. Backups are a pg_dump
 * of the schema, in this replica's DATA_DIR with its settings files.
 */
export async function openPostgresStores(
  dataDir: string,
  clock: Clock,
  database: PgTarget,
  schedule: ScheduleOptions = { clock },
): Promise<StatePorts> {
  const pool = await openPostgres(database);
  return {
    store: createPostgresInvoiceStore(pool),
    prefs: createPgPrefsStore(pool),
    sessions: createPgChecklistStore(pool),
    watches: createPgWatchStore(pool),
    notices: createPgNoticeStore(pool),
    escalations: createPgEscalationStore(pool),
    schedule: createPgScheduleStore(pool, schedule),
    memory: createPgConversationMemory(pool, clock),
    deductions: createPgDeductionStore(pool),
    backup: async (reason) => (await createPostgresBackup(dataDir, database, reason, clock.now())).folder,
    audit: createPgAuditLog(pool),
    questions: createPostgresQuestionLog(pool),
    greetings: createPgGreetingStore(pool),
    // A failed write to the database is an error of the request that made it, not something to report aside.
    openDedupe: async () => createPgDedupeStore(pool),
    close: () => pool.end(),
  };
}
