import type { ChecklistSession } from '../domain/checklist-session.js';
import { type Escalation, isOpen } from '../domain/escalation.js';
import { nextEscalationId } from '../domain/next-escalation-id.js';
import type { Notice } from '../domain/notice.js';
import { SecondOpenEscalationError } from '../domain/second-open-escalation-error.js';
import type { ChecklistStore, EscalationStore, NoticeStore, Update } from '../ports.js';

// The lowdb and in-memory adapters of these small state stores differ only in how they persist; their queries live
// here once, so the in-memory double used by tests answers exactly as the real store does.

/** Saves the whole collection (a few hundred items at most); the in-memory adapters pass a no-op. */
export type SaveAll<T> = (items: T[]) => Promise<void>;

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

// Read, change and replace happen in one synchronous step, so no other request's change can slip in between; the
// save that follows may coalesce with others, but always writes the latest state of every item.
// `allow` may refuse the next version by throwing, before anything is changed.
function updater<T extends { id: string }>(
  items: Map<string, T>,
  persist: () => Promise<void>,
  allow: (current: T, next: T) => void = () => {},
): Update<T> {
  return async (id, change) => {
    const current = items.get(id);
    if (!current) return undefined;
    const next = change(current);
    if (next === undefined || next === current) return current;
    allow(current, next);
    items.set(id, next);
    await persist();
    return next;
  };
}

/** Walk-throughs over `initial`, saved after every change. */
export function createChecklistCollection(
  initial: readonly ChecklistSession[],
  save: SaveAll<ChecklistSession>,
): ChecklistStore {
  const sessions = byId(initial);
  const persist = () => save([...sessions.values()]);
  return {
    get: async (id) => sessions.get(id),
    active: async (userId, key) =>
      [...sessions.values()].find((s) => s.userId === userId && s.invoiceKey === key && s.status === 'active'),
    // The most recently touched one, if a user has several walk-throughs waiting for an answer.
    awaiting: async (userId) =>
      [...sessions.values()]
        .filter((s) => s.userId === userId && s.status === 'active' && s.awaiting)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0],
    all: async () => [...sessions.values()],
    async put(session) {
      sessions.set(session.id, session);
      await persist();
    },
    async prune(before) {
      let dropped = 0;
      for (const [id, s] of sessions)
        if (Date.parse(s.updatedAt) < before.getTime()) {
          sessions.delete(id);
          dropped += 1;
        }
      if (dropped > 0) await persist();
      return dropped;
    },
    update: updater(sessions, persist),
  };
}

/** Escalations over `initial`, saved after every change. */
export function createEscalationCollection(initial: readonly Escalation[], save: SaveAll<Escalation>): EscalationStore {
  const escalations = byId(initial);
  const persist = () => save([...escalations.values()]);
  return {
    all: async () => [...escalations.values()],
    get: async (id) => escalations.get(id),
    openFor: async (key) => [...escalations.values()].find((e) => e.invoiceKey === key && isOpen(e)),
    // The open-escalation check, the numbering and the change happen in one synchronous step, as in `update`.
    async file({ invoiceKey, prefix, create, follow }) {
      const open = [...escalations.values()].find((e) => e.invoiceKey === invoiceKey && isOpen(e));
      if (open) {
        const next = follow(open);
        if (next === undefined || next === open) return { followed: open };
        escalations.set(open.id, next);
        await persist();
        return { followed: next };
      }
      const created = create(nextEscalationId(prefix, escalations.keys()));
      escalations.set(created.id, created);
      await persist();
      return { created };
    },
    async put(escalation) {
      escalations.set(escalation.id, escalation);
      await persist();
    },
    // One open escalation per invoice, as the PostgreSQL table's unique index keeps it. Only a change that makes an
    // escalation open for an invoice is checked, so two open ones an older version left can still be acted on.
    update: updater(escalations, persist, (current, next) => {
      if (!isOpen(next) || (isOpen(current) && current.invoiceKey === next.invoiceKey)) return;
      const other = [...escalations.values()].find(
        (e) => e.id !== next.id && e.invoiceKey === next.invoiceKey && isOpen(e),
      );
      if (other) throw new SecondOpenEscalationError(next.invoiceKey);
    }),
  };
}

/** Notices over `initial`, saved after every change. */
export function createNoticeCollection(initial: readonly Notice[], save: SaveAll<Notice>): NoticeStore {
  const notices = byId(initial);
  const persist = () => save([...notices.values()]);
  return {
    all: async () => [...notices.values()],
    get: async (id) => notices.get(id),
    async put(notice) {
      notices.set(notice.id, notice);
      await persist();
    },
    update: updater(notices, persist),
  };
}
