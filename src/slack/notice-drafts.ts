import { randomUUID } from 'node:crypto';
import type { NoticeDraft } from '../domain/notice.js';

/** Notice drafts between the form and its preview's Send button, kept on the server under a short id. */
export type NoticeDrafts = {
  /** Keeps the admin's draft; the id goes into the preview's `private_metadata`. */
  put(userId: string, draft: NoticeDraft): string;
  /** The draft behind an id, for the admin who made it; undefined once sent, expired or unknown. */
  take(userId: string, id: string): NoticeDraft | undefined;
};

// A preview is sent within minutes; an hour is generous. Drafts are not kept across restarts: the form is re-opened.
const KEEP_MS = 60 * 60_000;
const MAX_DRAFTS = 500;

/**
 * Drafts in memory. The whole draft (two messages of up to 1,000 characters, channels, times) would not always fit
 * Slack's 3,000-character `private_metadata`, and anything carried there comes back from the client unverified; a
 * draft id does not have either problem.
 */
export function createNoticeDrafts(now: () => number = Date.now): NoticeDrafts {
  const drafts = new Map<string, { userId: string; draft: NoticeDraft; at: number }>();
  return {
    put(userId, draft) {
      for (const [id, d] of drafts) if (now() - d.at > KEEP_MS || drafts.size >= MAX_DRAFTS) drafts.delete(id);
      const id = randomUUID();
      drafts.set(id, { userId, draft, at: now() });
      return id;
    },
    take(userId, id) {
      const found = drafts.get(id);
      if (!found || found.userId !== userId || now() - found.at > KEEP_MS) return undefined;
      drafts.delete(id);
      return found.draft;
    },
  };
}
