import type { Clock, ConversationMemory } from '../ports.js';

// Expired entries are also swept every this many writes, so memory stays bounded by what is live.
const SWEEP_EVERY = 1000;

/**
 * Conversation memory held in this process: for the embedded (lowdb) mode, where one process owns DATA_DIR, and
 * for tests. Entries expire by `clock`, so tests and the console's moved clock see them go.
 */
export function createMemoryConversationMemory(clock: Clock): ConversationMemory {
  const entries = new Map<string, { value: string; expires: number }>();
  let writes = 0;
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expires <= clock.now().getTime()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    get: async (key) => live(key)?.value,
    async set(key, value, ttlMs) {
      const now = clock.now().getTime();
      writes += 1;
      if (writes % SWEEP_EVERY === 0) for (const [k, e] of entries) if (e.expires <= now) entries.delete(k);
      entries.set(key, { value, expires: now + ttlMs });
    },
    async delete(key) {
      return live(key) !== undefined && entries.delete(key);
    },
  };
}
