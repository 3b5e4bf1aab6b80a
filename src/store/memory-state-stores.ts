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
import { DEDUPE_TTL_MS } from './dedupe-ttl.js';
import { createScheduleSlots, type ScheduleOptions } from './schedule-slots.js';
import { createChecklistCollection, createEscalationCollection, createNoticeCollection } from './state-collections.js';

/** Preferences held in memory, for tests. */
export function createMemoryPrefsStore(): PrefsStore {
  const languages = new Map<string, Language>();
  return {
    language: async (userId) => languages.get(userId),
    async setLanguage(userId, language) {
      languages.set(userId, language);
    },
  };
}

/** A dedupe store held in memory, for tests: keys are forgotten after {@link DEDUPE_TTL_MS}, as in the others. */
export function createMemoryDedupeStore(): DedupeStore {
  // Each key's expiry time. Expired keys are swept whenever the map has doubled since the last sweep (keys of
  // different times to live are not in expiry order), so memory follows the live keys at an amortised cost.
  const expires = new Map<string, number>();
  let sweepAt = 1024;
  const live = (key: string, now: Date) => (expires.get(key) ?? Number.NEGATIVE_INFINITY) > now.getTime();
  const prune = (now: Date) => {
    if (expires.size < sweepAt) return;
    for (const [key, at] of expires) if (at <= now.getTime()) expires.delete(key);
    sweepAt = Math.max(1024, 2 * expires.size);
  };
  return {
    async firstSeen(key, now) {
      if (live(key, now)) return false;
      prune(now);
      expires.set(key, now.getTime() + DEDUPE_TTL_MS);
      return true;
    },
    seen: async (key, now) => live(key, now),
    async remember(key, now, ttlMs) {
      prune(now);
      expires.set(key, Math.max(expires.get(key) ?? 0, now.getTime() + ttlMs));
    },
  };
}

/** Walk-throughs held in memory, for tests and benchmarks: the real store's queries, nothing saved. */
export function createMemoryChecklistStore(): ChecklistStore {
  return createChecklistCollection([], async () => {});
}

/** Watches held in memory, for tests and benchmarks. */
export function createMemoryWatchStore(): WatchStore {
  const watches: Watch[] = [];
  return {
    list: async () => [...watches],
    async remove(watch) {
      const i = watches.findIndex((w) => w.userId === watch.userId && w.invoiceKey === watch.invoiceKey);
      if (i < 0) return false;
      watches.splice(i, 1);
      return true;
    },
    async add(watch) {
      if (watches.some((w) => w.userId === watch.userId && w.invoiceKey === watch.invoiceKey)) return false;
      watches.push(watch);
      return true;
    },
  };
}

/** Notices held in memory, for tests: the real store's queries, nothing saved. */
export function createMemoryNoticeStore(): NoticeStore {
  return createNoticeCollection([], async () => {});
}

/** An audit log held in memory, for tests; `entries` is what was recorded. */
export function createMemoryAuditLog(): AuditLog & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    async record(entry) {
      entries.push(entry);
    },
    async flush() {},
    async close() {},
  };
}

/** Escalations held in memory, for tests: the real store's queries, nothing saved. */
export function createMemoryEscalationStore(): EscalationStore {
  return createEscalationCollection([], async () => {});
}

/** Scheduled-job runs and leases held in memory, for tests; leases expire by `options.clock`. */
export function createMemoryScheduleStore(options: ScheduleOptions = {}): ScheduleStore {
  return createScheduleSlots({ runs: {}, leases: {} }, async () => {}, options);
}
