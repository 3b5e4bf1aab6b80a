import type { Clock, CorePorts, Notifier } from '../ports.js';
import { finishInterruptedRestore } from './backups.js';
import { loadChinaCalendar } from './china-calendar.js';
import { createFileDeductionStore } from './file-deduction-store.js';
import { createFileInbox } from './file-inbox.js';
import { loadFilingTable } from './filing-calendar-file.js';
import { createGb2260RegionNames } from './gb2260-region-names.js';
import { createJsonlAuditLog } from './jsonl-audit-log.js';
import { createJsonlQuestionLog } from './jsonl-question-log.js';
import { createLowdbChecklistStore } from './lowdb-checklist-store.js';
import { createLowdbEscalationStore } from './lowdb-escalation-store.js';
import { createLowdbGreetingStore } from './lowdb-greeting-store.js';
import { createLowdbNoticeStore } from './lowdb-notice-store.js';
import { createLowdbPrefsStore } from './lowdb-prefs-store.js';
import { createLowdbScheduleStore } from './lowdb-schedule-store.js';
import { createLowdbWatchStore } from './lowdb-watch-store.js';
import { createMemoryConversationMemory } from './memory-conversation-memory.js';
import { openInvoiceStore } from './open-invoice-store.js';
import type { PgTarget } from './postgres/create-pg-pool.js';
import { removeCrashLeftovers } from './remove-crash-leftovers.js';

/**
 * Opens every store in DATA_DIR (a corrupt file stops here, named), removes what a crash left half-written, and
 * returns the core's ports over them, with the runtime's clock and notifier. With `database` (`DATABASE_URL`) the
 * invoices live in PostgreSQL; `close` releases its connections when the bot stops.
 */
export async function openStores(
  dataDir: string,
  clock: Clock,
  notifier: Notifier,
  database?: PgTarget,
): Promise<CorePorts & { close(): Promise<void> }> {
  await finishInterruptedRestore(dataDir);
  const invoices = await openInvoiceStore(dataDir, database);
  // After the journals are replayed (opening the invoice store does that), no temp file is needed any more.
  await removeCrashLeftovers(dataDir);
  return {
    store: invoices.store,
    close: invoices.close,
    prefs: await createLowdbPrefsStore(dataDir),
    sessions: await createLowdbChecklistStore(dataDir),
    watches: await createLowdbWatchStore(dataDir),
    notices: await createLowdbNoticeStore(dataDir),
    escalations: await createLowdbEscalationStore(dataDir),
    schedule: await createLowdbScheduleStore(dataDir),
    // One process owns DATA_DIR, so its conversations' short-lived memory can stay in that process.
    memory: createMemoryConversationMemory(clock),
    inbox: await createFileInbox(dataDir),
    deductions: await createFileDeductionStore(dataDir),
    backup: (reason) => invoices.backup(reason, clock.now()),
    audit: await createJsonlAuditLog(dataDir),
    notifier,
    clock,
    calendar: await loadChinaCalendar(dataDir),
    filing: await loadFilingTable(dataDir),
    regions: createGb2260RegionNames(),
    questions: await createJsonlQuestionLog(dataDir),
    greetings: await createLowdbGreetingStore(dataDir),
  };
}
