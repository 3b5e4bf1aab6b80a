import type { ChecklistSession } from '../domain/checklist-session.js';
import { type Escalation, isOpen } from '../domain/escalation.js';
import type { Notice } from '../domain/notice.js';
import type { Language } from '../i18n/language.js';
import type {
  AuditEntry,
  AuditLog,
  ChecklistStore,
  DedupeStore,
  EscalationStore,
  NoticeStore,
  PrefsStore,
  ScheduleStore,
  Watch,
  WatchStore,
} from '../ports.js';

/** Preferences held in memory, for tests. */
export function createMemoryPrefsStore(): PrefsStore {
  const languages = new Map<string, Language>();
  return {
    language: (userId) => languages.get(userId),
    async setLanguage(userId, language) {
      languages.set(userId, language);
    },
  };
}

/** A dedupe store held in memory, for tests. */
export function createMemoryDedupeStore(): DedupeStore {
  const seen = new Set<string>();
  return {
    async firstSeen(key) {
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
  };
}

/** Walk-throughs held in memory, for tests and benchmarks. */
export function createMemoryChecklistStore(): ChecklistStore {
  const sessions = new Map<string, ChecklistSession>();
  return {
    get: (id) => sessions.get(id),
    active: (userId, key) =>
      [...sessions.values()].find((s) => s.userId === userId && s.invoiceKey === key && s.status === 'active'),
    awaiting: (userId) =>
      [...sessions.values()].find((s) => s.userId === userId && s.status === 'active' && s.awaiting),
    all: () => [...sessions.values()],
    async put(session) {
      sessions.set(session.id, session);
    },
  };
}

/** Watches held in memory, for tests and benchmarks. */
export function createMemoryWatchStore(): WatchStore {
  const watches: Watch[] = [];
  return {
    list: () => [...watches],
    async remove(watch) {
      const i = watches.findIndex((w) => w.userId === watch.userId && w.invoiceKey === watch.invoiceKey);
      if (i >= 0) watches.splice(i, 1);
    },
    async add(watch) {
      if (watches.some((w) => w.userId === watch.userId && w.invoiceKey === watch.invoiceKey)) return false;
      watches.push(watch);
      return true;
    },
  };
}

/** Notices held in memory, for tests and benchmarks. */
export function createMemoryNoticeStore(): NoticeStore {
  const notices = new Map<string, Notice>();
  return {
    all: () => [...notices.values()],
    get: (id) => notices.get(id),
    async put(notice) {
      notices.set(notice.id, notice);
    },
  };
}

/** An audit log held in memory, for tests; `entries` is what was recorded. */
export function createMemoryAuditLog(): AuditLog & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    async record(entry) {
      entries.push(entry);
    },
  };
}

/** Escalations held in memory, for tests. */
export function createMemoryEscalationStore(): EscalationStore {
  const byId = new Map<string, Escalation>();
  return {
    all: () => [...byId.values()],
    get: (id) => byId.get(id),
    openFor: (key) => [...byId.values()].find((e) => e.invoiceKey === key && isOpen(e)),
    async put(escalation) {
      byId.set(escalation.id, escalation);
    },
  };
}

/** Daily-job runs held in memory, for tests. */
export function createMemoryScheduleStore(): ScheduleStore {
  const runs = new Map<string, string>();
  return {
    lastRun: (job) => runs.get(job),
    async markRun(job, value) {
      runs.set(job, value);
    },
  };
}
