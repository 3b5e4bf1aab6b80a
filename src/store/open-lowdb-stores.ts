import type { Clock } from '../ports.js';
import { createBackup } from './backups.js';
import { createFileDeductionStore } from './file-deduction-store.js';
import { createJsonlAuditLog } from './jsonl-audit-log.js';
import { createJsonlDedupeStore } from './jsonl-dedupe-store.js';
import { createJsonlQuestionLog } from './jsonl-question-log.js';
import { createLowdbChecklistStore } from './lowdb-checklist-store.js';
import { createLowdbEscalationStore } from './lowdb-escalation-store.js';
import { createLowdbGreetingStore } from './lowdb-greeting-store.js';
import { createLowdbInvoiceStore } from './lowdb-invoice-store.js';
import { createLowdbNoticeStore } from './lowdb-notice-store.js';
import { createLowdbPrefsStore } from './lowdb-prefs-store.js';
import { createLowdbScheduleStore } from './lowdb-schedule-store.js';
import { createLowdbWatchStore } from './lowdb-watch-store.js';
import { createMemoryConversationMemory } from './memory-conversation-memory.js';
import type { StatePorts } from './open-stores.js';
import type { ScheduleOptions } from './schedule-slots.js';

/**
 * The embedded default: every store in DATA_DIR (lowdb JSON files, JSONL logs), owned by this one process (the
 * caller holds the DATA_DIR lock).
 */
export async function openLowdbStores(
  dataDir: string,
  clock: Clock,
  schedule: ScheduleOptions = { clock },
): Promise<StatePorts> {
  return {
    store: await createLowdbInvoiceStore(dataDir),
    prefs: await createLowdbPrefsStore(dataDir),
    sessions: await createLowdbChecklistStore(dataDir),
    watches: await createLowdbWatchStore(dataDir),
    notices: await createLowdbNoticeStore(dataDir),
    escalations: await createLowdbEscalationStore(dataDir),
    schedule: await createLowdbScheduleStore(dataDir, schedule),
    // One process owns DATA_DIR, so its conversations' short-lived memory can stay in that process.
    memory: createMemoryConversationMemory(clock),
    deductions: await createFileDeductionStore(dataDir),
    backup: (reason) => createBackup(dataDir, reason, clock.now()),
    audit: await createJsonlAuditLog(dataDir),
    questions: await createJsonlQuestionLog(dataDir),
    greetings: await createLowdbGreetingStore(dataDir),
    openDedupe: (onWriteError) => createJsonlDedupeStore(dataDir, { onWriteError }),
    close: async () => {},
  };
}
