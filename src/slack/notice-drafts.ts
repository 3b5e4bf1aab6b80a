import { randomUUID } from 'node:crypto';
import type { NoticeDraft } from '../domain/notice.js';
import type { ConversationMemory } from '../ports.js';

/** Notice drafts between the form and its preview's Send button, kept on the server under a short id. */
export type NoticeDrafts = {
  /** Keeps the admin's draft; the id goes into the preview's `private_metadata`. */
  put(userId: string, draft: NoticeDraft): Promise<string>;
  /** The draft behind an id, for the admin who made it; undefined once sent, expired or unknown. */
  take(userId: string, id: string): Promise<NoticeDraft | undefined>;
};

// A preview is sent within minutes; an hour is generous.
const KEEP_MS = 60 * 60_000;

/**
 * Drafts in the conversation memory, which every replica shares (Send may land on another one than the form). The
 * whole draft (two messages of up to 1,000 characters, channels, times) would not always fit Slack's
 * 3,000-character `private_metadata`, and anything carried there comes back from the client unverified; a draft id
 * does not have either problem.
 */
export function createNoticeDrafts(memory: ConversationMemory): NoticeDrafts {
  const keyOf = (id: string) => `notice-form:${id}`;
  return {
    async put(userId, draft) {
      const id = randomUUID();
      await memory.set(keyOf(id), JSON.stringify({ userId, draft }), KEEP_MS);
      return id;
    },
    async take(userId, id) {
      const stored = await memory.get(keyOf(id));
      const found = stored === undefined ? undefined : (JSON.parse(stored) as { userId: string; draft: NoticeDraft });
      // Only the submission that takes it out of the memory goes on: a draft is sent once.
      if (!found || found.userId !== userId || !(await memory.delete(keyOf(id)))) return undefined;
      return found.draft;
    },
  };
}
