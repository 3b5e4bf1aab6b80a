import type { Language } from '../i18n/language.js';
import type { DedupeStore, PrefsStore } from '../ports.js';

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
