import type { Clock, CorePorts } from '../ports.js';
import { createMemoryConversationMemory } from './memory-conversation-memory.js';
import { createMemoryDeductionStore } from './memory-deduction-store.js';
import { createMemoryGreetingStore, createMemoryQuestionLog } from './memory-question-log.js';
import {
  createMemoryAuditLog,
  createMemoryChecklistStore,
  createMemoryEscalationStore,
  createMemoryNoticeStore,
  createMemoryPrefsStore,
  createMemoryScheduleStore,
  createMemoryWatchStore,
} from './memory-state-stores.js';

/** The bot's state ports held in memory, empty; the audit log keeps its entries readable. */
export type MemoryStores = Pick<
  CorePorts,
  | 'prefs'
  | 'sessions'
  | 'watches'
  | 'notices'
  | 'escalations'
  | 'schedule'
  | 'memory'
  | 'deductions'
  | 'questions'
  | 'greetings'
> & { audit: ReturnType<typeof createMemoryAuditLog> };

/**
 * Every state port of the bot in memory, empty, for a core that keeps nothing on disk: the test harness and the
 * benchmark bot build theirs from here, so both run on the same set. `clock` drives the conversation memory's time to
 * live. The invoice store, inbox, notifier, calendars and backup are the caller's: they differ between the two.
 * @example createBotCore({ ...createMemoryStores(clock), store, inbox, notifier, clock, … }, options)
 */
export function createMemoryStores(clock: Clock): MemoryStores {
  return {
    prefs: createMemoryPrefsStore(),
    sessions: createMemoryChecklistStore(),
    watches: createMemoryWatchStore(),
    notices: createMemoryNoticeStore(),
    escalations: createMemoryEscalationStore(),
    schedule: createMemoryScheduleStore(),
    memory: createMemoryConversationMemory(clock),
    deductions: createMemoryDeductionStore(),
    questions: createMemoryQuestionLog(),
    greetings: createMemoryGreetingStore(),
    audit: createMemoryAuditLog(),
  };
}
