import type { ChecklistSession } from '../domain/checklist-session.js';
import { type Escalation, isOpen } from '../domain/escalation.js';
import { nextEscalationId } from '../domain/next-escalation-id.js';
import type { Notice } from '../domain/notice.js';
import { SecondOpenEscalationError } from '../domain/second-open-escalation-error.js';
import type { ChecklistStore, EscalationStore, NoticeStore, Update } from '../ports.js';

// The lowdb and in-memory adapters of these small state stores differ only in how they persist; their queries live
// here once, so the in-memory double used by tests answers exactly as the real store does.

/** What changed in a collection: the items put (new or changed, in full) and the ids dropped. */
export type Change<T> = { put?: readonly T[]; drop?: readonly string[] };

/**
 * Saves a change, durable when the promise resolves. `all` lists every item as it is now, for a file that is
 * rewritten whole; a journal appends only the change. The in-memory adapters pass a no-op.
 */
export type SaveChanges<T> = (change: Change<T>, all: () => Iterable<T>) => Promise<void>;

/**
 * Items by id, with the ids of each group (a user's walk-throughs, an invoice's escalations, the escalations a
 * person is in) kept beside them, so a question about one user or invoice reads that group, not every item kept
 * (walk-throughs and escalations are kept for 90 days). An item may be in several groups.
 */
class GroupedItems<T extends { id: string }> {
  readonly byId = new Map<string, T>();
  private readonly groups = new Map<string, Set<string>>();

  constructor(
    initial: readonly T[],
    private readonly groupsOf: (item: T) => readonly string[],
  ) {
    for (const item of initial) this.set(item);
  }

  set(item: T): void {
    const old = this.byId.get(item.id);
    this.byId.set(item.id, item);
    const keys = new Set(this.groupsOf(item));
    const oldKeys = new Set(old ? this.groupsOf(old) : []);
    // Groups the item stays in are left alone, so it keeps its place in them.
    for (const key of oldKeys) if (!keys.has(key)) this.leave(key, item.id);
    for (const key of keys) {
      if (oldKeys.has(key)) continue;
      const group = this.groups.get(key) ?? new Set<string>();
      this.groups.set(key, group.add(item.id));
    }
  }

  delete(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    for (const key of new Set(this.groupsOf(old))) this.leave(key, id);
    this.byId.delete(id);
  }

  *group(key: string): Generator<T> {
    for (const id of this.groups.get(key) ?? []) {
      const item = this.byId.get(id);
      if (item) yield item;
    }
  }

  private leave(key: string, id: string): void {
    const group = this.groups.get(key);
    group?.delete(id);
    if (group?.size === 0) this.groups.delete(key);
  }
}

// Read, change and replace happen in one synchronous step, so no other request's change can slip in between; the
// save that follows may share its write with others, and writes the newest state of every item it holds.
// `allow` may refuse the next version by throwing, before anything is changed.
function updater<T extends { id: string }>(
  items: GroupedItems<T>,
  save: SaveChanges<T>,
  allow: (current: T, next: T) => void = () => {},
): Update<T> {
  return async (id, change) => {
    const current = items.byId.get(id);
    if (!current) return undefined;
    const next = change(current);
    if (next === undefined || next === current) return current;
    allow(current, next);
    items.set(next);
    await save({ put: [next] }, () => items.byId.values());
    return next;
  };
}

function putter<T extends { id: string }>(items: GroupedItems<T>, save: SaveChanges<T>): (item: T) => Promise<void> {
  return async (item) => {
    items.set(item);
    await save({ put: [item] }, () => items.byId.values());
  };
}

/** Walk-throughs over `initial`, saved after every change. */
export function createChecklistCollection(
  initial: readonly ChecklistSession[],
  save: SaveChanges<ChecklistSession>,
): ChecklistStore {
  const sessions = new GroupedItems(initial, (s) => [s.userId]);
  const activeOf = (userId: string, key: string) => {
    for (const s of sessions.group(userId)) if (s.invoiceKey === key && s.status === 'active') return s;
    return undefined;
  };
  const put = putter(sessions, save);
  return {
    get: async (id) => sessions.byId.get(id),
    active: async (userId, key) => activeOf(userId, key),
    // The most recently touched one, if a user has several walk-throughs waiting for an answer.
    awaiting: async (userId) => {
      let latest: ChecklistSession | undefined;
      for (const s of sessions.group(userId))
        if (s.status === 'active' && s.awaiting && (!latest || s.updatedAt > latest.updatedAt)) latest = s;
      return latest;
    },
    all: async () => [...sessions.byId.values()],
    put,
    // The check and the insert happen in one synchronous step, as in `update`.
    async begin(session) {
      const active = activeOf(session.userId, session.invoiceKey);
      if (active) return { started: false, active };
      await put(session);
      return { started: true, active: session };
    },
    async prune(before) {
      const dropped: string[] = [];
      for (const [id, s] of sessions.byId) if (Date.parse(s.updatedAt) < before.getTime()) dropped.push(id);
      for (const id of dropped) sessions.delete(id);
      if (dropped.length > 0) await save({ drop: dropped }, () => sessions.byId.values());
      return dropped.length;
    },
    update: updater(sessions, save),
  };
}

/** Escalations over `initial`, saved after every change. */
export function createEscalationCollection(
  initial: readonly Escalation[],
  save: SaveChanges<Escalation>,
): EscalationStore {
  // Groups by invoice, by person (requester and followers) and by Slack message posted, for the questions asked per
  // message: a DM asks who is waited on, a thread reply which escalation it belongs to.
  const invoiceGroup = (key: string) => `invoice\u0000${key}`;
  const personGroup = (userId: string) => `person\u0000${userId}`;
  const postGroup = (channel: string, ts: string) => `post\u0000${channel}\u0000${ts}`;
  const escalations = new GroupedItems(initial, (e) => [
    invoiceGroup(e.invoiceKey),
    personGroup(e.requester),
    // The escalations file checks only a few fields of each line; an old one may lack these.
    ...(e.followers ?? []).map(personGroup),
    ...(e.posts ?? []).map((p) => postGroup(p.channel, p.ts)),
  ]);
  const openOf = (key: string) => {
    for (const e of escalations.group(invoiceGroup(key))) if (isOpen(e)) return e;
    return undefined;
  };
  return {
    all: async () => [...escalations.byId.values()],
    get: async (id) => escalations.byId.get(id),
    openFor: async (key) => openOf(key),
    // The most recently filed one, if a person waits on several.
    waitingOn: async (userId) =>
      [...escalations.group(personGroup(userId))]
        .filter((e) => e.status === 'waiting')
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0],
    byPost: async (channel, ts) => escalations.group(postGroup(channel, ts)).next().value,
    // The open-escalation check, the numbering and the change happen in one synchronous step, as in `update`.
    async file({ invoiceKey, prefix, create, follow }) {
      const open = openOf(invoiceKey);
      if (open) {
        const next = follow(open);
        if (next === undefined || next === open) return { followed: open };
        escalations.set(next);
        await save({ put: [next] }, () => escalations.byId.values());
        return { followed: next };
      }
      const created = create(nextEscalationId(prefix, escalations.byId.keys()));
      escalations.set(created);
      await save({ put: [created] }, () => escalations.byId.values());
      return { created };
    },
    put: putter(escalations, save),
    // One open escalation per invoice, as the PostgreSQL table's unique index keeps it. Only a change that makes an
    // escalation open for an invoice is checked, so two open ones an older version left can still be acted on.
    update: updater(escalations, save, (current, next) => {
      if (!isOpen(next) || (isOpen(current) && current.invoiceKey === next.invoiceKey)) return;
      for (const e of escalations.group(invoiceGroup(next.invoiceKey)))
        if (e.id !== next.id && isOpen(e)) throw new SecondOpenEscalationError(next.invoiceKey);
    }),
  };
}

/** Notices over `initial`, saved after every change. */
export function createNoticeCollection(initial: readonly Notice[], save: SaveChanges<Notice>): NoticeStore {
  // Notices are listed whole; one group.
  const notices = new GroupedItems(initial, () => ['']);
  return {
    all: async () => [...notices.byId.values()],
    get: async (id) => notices.byId.get(id),
    put: putter(notices, save),
    update: updater(notices, save),
  };
}
