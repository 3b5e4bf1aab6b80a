import { type Actor, isFinance, type Role } from '../domain/actor.js';
import { addBusinessMinutes, type WorkingCalendar } from '../domain/business-time.js';
import { isDeadlineUrgent, raiseForDeadline, slaCap } from '../domain/deadline-urgency.js';
import { disclosureFor } from '../domain/disclosure.js';
import {
  applyAction,
  type Escalation,
  type EscalationAction,
  type EscalationEvent,
  type EscalationReason,
  isOpen,
  type Urgency,
} from '../domain/escalation.js';
import { businessHoursOf, type EscalationSettings } from '../domain/escalation-settings.js';
import { formatId, keyToId } from '../domain/identifier.js';
import { filingAsOf, type InvoiceFiling } from '../domain/invoice-filing.js';
import { raiseUrgency } from '../domain/raise-urgency.js';
import { SecondOpenEscalationError } from '../domain/second-open-escalation-error.js';
import type { Language } from '../i18n/language.js';
import { neutraliseMentions } from '../lib/mrkdwn.js';
import { err, ok, type Result } from '../lib/result.js';
import { localDay } from '../lib/time.js';
import type { EscalationRenderer, EscalationStore, Notifier, ScheduleStore } from '../ports.js';
import { type LookupDeps, lookUpInvoice } from './look-up-invoice.js';
import { noteDeadlineRaise } from './note-deadline-raise.js';

/** What the escalation use cases need. */
export type EscalationDeps = {
  escalations: EscalationStore;
  notifier: Notifier;
  render: EscalationRenderer;
  lookup: LookupDeps;
  calendar: WorkingCalendar;
  settings: EscalationSettings;
  /** Where escalations are posted; without it, each finance lead gets them by DM. */
  channel?: string;
  financeLeads: readonly string[];
  admins: readonly string[];
  /** The role of any person, from the one owner of roles; who may be assigned follows from it. */
  roleOf: (userId: string) => Role;
  languageOf: (userId: string) => Promise<Language>;
  /** Leases the notes a deadline raise owes ({@link noteDeadlineRaise}), so each goes out once across replicas. */
  schedule: ScheduleStore;
};

/** Why an escalation action did nothing. */
export type EscalationFailure =
  | { code: 'not_allowed' }
  | { code: 'not_found'; id: string }
  /** `assignee`: who has it, when it is claimed (a second lead's Claim lost: they are told to whom). */
  | { code: 'invalid_transition'; from: string; action: EscalationAction['kind']; assignee?: string }
  | { code: 'note_required' }
  | { code: 'question_required' }
  | { code: 'assignee_not_allowed'; user: string }
  | { code: 'duplicate_self' }
  /** Reopening `id` would make a second open escalation for its invoice: `open` is the open one. */
  | { code: 'already_open'; id: string; open: string }
  | { code: 'different_invoice'; id: string; of: string; invoice: string; otherInvoice: string };

/**
 * What filing did: a new escalation; the person became a follower of the open one; or the requester (or a
 * follower) asked again, their note added and urgency raised (`raised`) on the open one.
 */
export type Filed = { escalation: Escalation; outcome: 'filed' | 'followed' | 'repeated'; raised: boolean };

/** What the requester gives when filing. */
export type FileRequest = {
  invoiceKey: string;
  urgency: Urgency;
  note: string;
  checks: string[];
  reason?: EscalationReason;
};

/** Why filing did nothing: an urgent escalation needs a reason. */
export type FileFailure = { code: 'urgent_needs_note' };

/**
 * Files an escalation with the bot's evidence and posts it for finance. An invoice that already has an open one gets
 * no second post: a new person becomes a follower; the requester or a follower asking again adds their note to the
 * thread, and asking urgently raises its urgency (bringing the SLA targets forward, never back). An urgent
 * escalation without a note is refused, whichever way it was asked.
 */
export async function fileEscalation(
  deps: EscalationDeps,
  actor: Actor,
  request: FileRequest,
): Promise<Result<Filed, FileFailure>> {
  const note = neutraliseMentions(request.note.trim());
  if (request.urgency === 'urgent' && !note) return err({ code: 'urgent_needs_note' });
  const now = deps.lookup.clock.now();
  const at = now.toISOString();
  const zone = deps.lookup.zone;
  const id = keyToId(request.invoiceKey);
  const lookup = await lookUpInvoice(deps.lookup, { raw: formatId(id), id, problems: [] });
  // Close to the filing deadline, an escalation is urgent whatever was asked, and its SLA never runs past the deadline.
  const autoUrgent = request.urgency === 'normal' && isDeadlineUrgent(lookup.filing, deps.settings);
  const urgency: Urgency = autoUrgent ? 'urgent' : request.urgency;
  const due = slaDue(deps, now, lookup.filing);
  const urgentDue = (target: 'first' | 'resolution') =>
    due(deps.settings[target === 'first' ? 'firstResponseMinutes' : 'resolutionMinutes'].urgent);
  // The new escalation, under the id the store numbered it with.
  const newEscalation = (escId: string): Escalation => ({
    id: escId,
    invoiceKey: request.invoiceKey,
    requester: actor.userId,
    followers: [],
    urgency,
    ...(autoUrgent ? { autoUrgent } : {}),
    ...(lookup.filing ? { filing: lookup.filing } : {}),
    note,
    ...(request.reason ? { reason: request.reason } : {}),
    diagnosis: lookup.diagnosis,
    ...(lookup.direction ? { direction: lookup.direction } : {}),
    ...(lookup.kind ? { kind: lookup.kind } : {}),
    checks: request.checks,
    ...(lookup.lastImport
      ? {
          lastSync: {
            importedAt: lookup.lastImport.importedAt,
            from: lookup.lastImport.from,
            to: lookup.lastImport.to,
          },
        }
      : {}),
    status: 'open',
    createdAt: at,
    firstResponseDue: due(deps.settings.firstResponseMinutes[urgency]),
    resolutionDue: due(deps.settings.resolutionMinutes[urgency]),
    posts: [],
    events: [{ at, by: actor.userId, action: 'filed' }],
    reminded: [],
  });
  // "Is one open?", the day's numbering and the save are one atomic step of the store, across replicas: two people
  // filing the same invoice at once make one escalation, and the one who lost follows it (decided on it as stored
  // then: another person may have followed it, or a lead acted, a moment ago).
  let added: ReturnType<typeof addRequest> | undefined;
  const filed = await deps.escalations.file({
    invoiceKey: request.invoiceKey,
    prefix: `ESC-${localDay(now, zone).replace(/-/g, '')}-`,
    create: newEscalation,
    follow: (current) => {
      added = addRequest(current, actor.userId, note, request.urgency, at, urgentDue);
      // Asked again as the deadline comes close: the open escalation turns urgent for the deadline (once: asked
      // again later, it is urgent already).
      const forDeadline =
        autoUrgent && lookup.filing
          ? raiseForDeadline(added.escalation, lookup.filing, deps.settings, at, urgentDue)
          : undefined;
      if (forDeadline)
        added = {
          ...added,
          escalation: forDeadline.escalation,
          events: [...added.events, forDeadline.event],
          raised: true,
        };
      return added.events.length > 0 ? added.escalation : undefined;
    },
  });
  if ('followed' in filed) {
    const escalation = filed.followed;
    const { events = [], known = true, raised = false } = added ?? {};
    // A raise for the deadline is noted through its lease, like the scheduled raise: owed until sent.
    for (const event of events) if (event.action !== 'deadline_urgent') await announce(deps, escalation, event, false);
    await noteDeadlineRaise(deps, escalation.id);
    return ok({ escalation, outcome: known ? 'repeated' : 'followed', raised });
  }
  let escalation = filed.created;
  const targets = deps.channel ? [deps.channel] : deps.financeLeads;
  const posts: Escalation['posts'] = [];
  for (const target of targets) {
    const delivery = deps.channel
      ? await deps.notifier.post(target, deps.render.post(escalation))
      : await deps.notifier.direct(target, deps.render.post(escalation));
    // A DM's conversation id (D…) is what edits, thread replies and incoming thread messages use, not the user id.
    if (delivery.ok) posts.push({ channel: delivery.channel ?? target, ts: delivery.ts });
  }
  // Followers may have joined while the posts went out: add the posts to the stored escalation, not to our copy.
  escalation =
    (await deps.escalations.update(escalation.id, (current) => ({
      ...current,
      posts: [...current.posts, ...posts],
    }))) ?? escalation;
  return ok({ escalation, outcome: 'filed', raised: false });
}

// SLA targets `minutes` business minutes from `now`, on the working calendar — never later than the invoice's filing
// deadline allows (its day's close minus the margin), and, past that, now rather than in the past.
function slaDue(deps: EscalationDeps, now: Date, filing: InvoiceFiling | undefined): (minutes: number) => string {
  const hours = businessHoursOf(deps.settings);
  const cap = slaCap(filing, deps.settings, hours, deps.lookup.zone)?.getTime();
  return (minutes) => {
    const target = addBusinessMinutes(now, minutes, deps.calendar, hours, deps.lookup.zone).getTime();
    return new Date(cap !== undefined && target > cap ? Math.max(cap, now.getTime()) : target).toISOString();
  };
}

// Someone asks again about an invoice with an open escalation: a new person follows it (their note goes to the
// thread); the requester or a follower adds their note; asking urgently raises its urgency, bringing each SLA target
// forward to what an urgent escalation filed now would get — never later than it was. Pure, for `update`.
function addRequest(
  esc: Escalation,
  userId: string,
  note: string,
  urgency: Urgency,
  at: string,
  urgentDue: (target: 'first' | 'resolution') => string,
): { escalation: Escalation; events: EscalationEvent[]; known: boolean; raised: boolean } {
  const known = esc.requester === userId || esc.followers.includes(userId);
  const events: EscalationEvent[] = [];
  let next = esc;
  if (!known) {
    events.push({ at, by: userId, action: 'followed', ...(note ? { text: note } : {}) });
    next = { ...next, followers: [...next.followers, userId] };
  } else if (note) events.push({ at, by: userId, action: 'noted', text: note });
  const raised = urgency === 'urgent' && esc.urgency !== 'urgent';
  if (raised) {
    next = raiseUrgency(next, urgentDue);
    events.push({ at, by: userId, action: 'urgency_raised', text: next.resolutionDue });
  }
  return { escalation: { ...next, events: [...next.events, ...events] }, events, known, raised };
}

/**
 * A finance lead or admin acts on an escalation: the post is edited in place, the change is replied in its thread,
 * and the requester and followers get a DM in their language. Anyone else is refused.
 */
export async function actOnEscalation(
  deps: EscalationDeps,
  actor: Actor,
  id: string,
  typed: EscalationAction,
): Promise<Result<Escalation, EscalationFailure>> {
  const action = withTextDefused(typed);
  const refused = await refusalOf(deps, actor, id, action);
  if (refused) return err(refused);
  const now = deps.lookup.clock.now();
  let failure: EscalationFailure | undefined;
  let next: Escalation | undefined;
  try {
    next = await deps.escalations.update(id, (stored) => {
      const applied = applyAction(stored, action, actor.userId, now);
      if (applied.ok) return applied.value;
      // Read under the same lock as the refusal, so the name given is who really has it.
      failure =
        stored.status === 'claimed' && stored.assignee
          ? { ...applied.error, assignee: stored.assignee }
          : applied.error;
      return undefined;
    });
  } catch (error) {
    // Someone filed about the invoice again between the check and the reopen.
    const open =
      error instanceof SecondOpenEscalationError ? await deps.escalations.openFor(error.invoiceKey) : undefined;
    if (!open) throw error;
    return err({ code: 'already_open', id, open: open.id });
  }
  if (failure || !next) return err(failure ?? { code: 'not_found', id });
  const event = next.events[next.events.length - 1] as EscalationEvent;
  await announce(deps, next, event, true);
  if (action.kind === 'assign' && action.to !== actor.userId) await tellAssignee(deps, next, event);
  if (action.kind === 'duplicate') await mergeInto(deps, next, action.of, actor.userId);
  return ok(next);
}

/**
 * Why `actor` may not take `action` on escalation `id` as the request stands (its role, the escalation, the people
 * and words the action needs), without changing anything; undefined when nothing stands in the way. A form asks
 * this before it closes, so the lead can correct the field.
 */
export async function refusalOf(
  deps: EscalationDeps,
  actor: Actor,
  id: string,
  action: EscalationAction,
): Promise<EscalationFailure | undefined> {
  if (!isFinance(actor)) return { code: 'not_allowed' };
  const current = await deps.escalations.get(id);
  if (!current) return { code: 'not_found', id };
  return checkAction(deps, current, action);
}

// What the domain's transitions cannot know: the people, the words and the other escalation an action needs.
async function checkAction(
  deps: EscalationDeps,
  esc: Escalation,
  action: EscalationAction,
): Promise<EscalationFailure | undefined> {
  switch (action.kind) {
    case 'reopen': {
      // One open escalation per invoice: a newer one filed meanwhile is where the case continues.
      const open = await deps.escalations.openFor(esc.invoiceKey);
      return open && open.id !== esc.id ? { code: 'already_open', id: esc.id, open: open.id } : undefined;
    }
    case 'resolve':
      return action.note.trim() ? undefined : { code: 'note_required' };
    case 'waiting':
      return action.question.trim() ? undefined : { code: 'question_required' };
    case 'assign':
      return isFinance({ role: deps.roleOf(action.to) })
        ? undefined
        : { code: 'assignee_not_allowed', user: action.to };
    case 'duplicate': {
      if (action.of === esc.id) return { code: 'duplicate_self' };
      const original = await deps.escalations.get(action.of);
      if (!original) return { code: 'not_found', id: action.of };
      if (original.invoiceKey !== esc.invoiceKey && !action.reason?.trim())
        return {
          code: 'different_invoice',
          id: esc.id,
          of: original.id,
          invoice: formatId(keyToId(esc.invoiceKey)),
          otherInvoice: formatId(keyToId(original.invoiceKey)),
        };
      return undefined;
    }
    default:
      return undefined;
  }
}

// The assignee hears it from the bot, with a link to the post to act on.
async function tellAssignee(deps: EscalationDeps, esc: Escalation, event: EscalationEvent): Promise<void> {
  const assignee = event.text ?? '';
  const post = esc.posts.find((p) => p.channel === deps.channel) ?? esc.posts[0];
  const link = post ? await deps.notifier.link(post.channel, post.ts) : undefined;
  await deps.notifier.direct(assignee, deps.render.toAssignee(esc, event, link, await deps.languageOf(assignee)));
}

// The duplicate's requester and followers now wait on the original: they follow it, and its post and thread say so.
// They were told by the duplicate's own DM, which names the original.
async function mergeInto(deps: EscalationDeps, duplicate: Escalation, originalId: string, by: string): Promise<void> {
  const event: EscalationEvent = {
    at: deps.lookup.clock.now().toISOString(),
    by,
    action: 'merged',
    text: duplicate.id,
  };
  const next = await deps.escalations.update(originalId, (original) => {
    const moved = [duplicate.requester, ...duplicate.followers].filter(
      (p) => p !== original.requester && !original.followers.includes(p),
    );
    return { ...original, followers: [...original.followers, ...moved], events: [...original.events, event] };
  });
  if (next) await announce(deps, next, event, false);
}

/**
 * Raises an open escalation that was not urgent to urgent once its invoice's filing deadline is
 * `deadlineUrgentDays` working days away or fewer: its targets are brought forward and capped by the deadline, and
 * its post's edit and thread note are marked owed (`deadlineNote`), in one write under the row lock, so a second
 * replica's tick finds it urgent already. The note is sent by {@link noteDeadlineRaise}, not here: a crash between the
 * two then leaves it owed instead of lost. The escalation as raised, or undefined when nothing changed.
 */
export async function raiseIfNearDeadline(
  deps: EscalationDeps,
  id: string,
  now: Date,
  today: string,
): Promise<Escalation | undefined> {
  let raised: EscalationEvent | undefined;
  const esc = await deps.escalations.update(id, (current) => {
    const forDeadline =
      isOpen(current) && current.filing && raiseNearDeadline(deps, current, current.filing, now, today);
    raised = forDeadline ? forDeadline.event : undefined;
    return forDeadline ? forDeadline.escalation : undefined;
  });
  return esc && raised ? esc : undefined;
}

// An escalation filed while its invoice's deadline was far, now that it is close: urgent, its targets capped.
function raiseNearDeadline(deps: EscalationDeps, esc: Escalation, filed: InvoiceFiling, now: Date, today: string) {
  const filing = filingAsOf(filed, deps.lookup.filing, deps.calendar, today);
  const due = slaDue(deps, now, filing);
  return raiseForDeadline(esc, filing, deps.settings, now.toISOString(), (target) =>
    due(deps.settings[target === 'first' ? 'firstResponseMinutes' : 'resolutionMinutes'].urgent),
  );
}

async function announce(
  deps: EscalationDeps,
  esc: Escalation,
  event: EscalationEvent,
  tellPeople: boolean,
): Promise<void> {
  const post = deps.render.post(esc);
  const reply = deps.render.event(esc, event);
  for (const p of esc.posts) {
    await deps.notifier.update(p.channel, p.ts, post);
    await deps.notifier.post(p.channel, reply, p.ts);
  }
  if (!tellPeople) return;
  for (const person of [esc.requester, ...esc.followers]) {
    await deps.notifier.direct(
      person,
      deps.render.toPerson(esc, event, await deps.languageOf(person), maySee(deps, esc, person)),
    );
  }
}

// A follower is often someone else asking about the same invoice: the masking rule decides what their DMs carry.
function maySee(deps: EscalationDeps, esc: Escalation, userId: string): boolean {
  return disclosureFor({ userId, role: deps.roleOf(userId) }, esc.requester, 'private').reveal;
}

/**
 * A requester (or follower) answered in their DM while finance waits on them: the text goes to the escalation's
 * thread. Returns the escalation it went to, if any.
 */
export async function relayFromRequester(
  deps: EscalationDeps,
  userId: string,
  text: string,
): Promise<Escalation | undefined> {
  const waiting = await deps.escalations.waitingOn(userId);
  if (!waiting) return undefined;
  const event: EscalationEvent = {
    at: deps.lookup.clock.now().toISOString(),
    by: userId,
    action: 'relayed',
    text: neutraliseMentions(text),
  };
  const next =
    (await deps.escalations.update(waiting.id, (current) => ({ ...current, events: [...current.events, event] }))) ??
    waiting;
  const reply = deps.render.event(next, event);
  for (const p of next.posts) await deps.notifier.post(p.channel, reply, p.ts);
  return next;
}

/** What became of a reply in a thread: passed on, not an escalation's thread, or written by someone not in finance. */
export type ThreadRelay = 'relayed' | 'not_escalation' | 'not_allowed';

/**
 * Finance wrote in an escalation's thread — in the channel, or on the copy in a lead's DM: the requester and
 * followers get it by DM, and the other leads' copies in their threads. False if no escalation matches.
 */
export async function relayFromThread(
  deps: EscalationDeps,
  channel: string,
  threadTs: string,
  userId: string,
  text: string,
): Promise<ThreadRelay> {
  const esc = await deps.escalations.byPost(channel, threadTs);
  if (!esc || userId === esc.requester) return 'not_escalation';
  // Only finance and admins speak for finance: anyone else in the channel must not make the bot DM the requester.
  if (!deps.financeLeads.includes(userId) && !deps.admins.includes(userId)) return 'not_allowed';
  const as = deps.roleOf(userId) === 'admin' ? 'admin' : 'finance';
  const event: EscalationEvent = {
    at: deps.lookup.clock.now().toISOString(),
    by: userId,
    action: 'relayed',
    text: neutraliseMentions(text),
    as,
  };
  await deps.escalations.update(esc.id, (current) => ({ ...current, events: [...current.events, event] }));
  // Finance's words may quote the invoice: a follower who may not see it is not sent them.
  for (const person of [esc.requester, ...esc.followers].filter((p) => maySee(deps, esc, p))) {
    await deps.notifier.direct(person, deps.render.toPerson(esc, event, await deps.languageOf(person), true));
  }
  // Posted to each lead's DM, the other leads would not see it: their copies' threads get it too.
  const reply = deps.render.event(esc, event);
  for (const p of esc.posts)
    if (p.channel !== channel || p.ts !== threadTs) await deps.notifier.post(p.channel, reply, p.ts);
  return 'relayed';
}

// What people write into an escalation (a note, a question, a resolution, a reason, a relay) is repeated to channels
// and DMs. It is defused here, where commands, forms and threads all arrive, so a listener that forgets cannot turn
// it into a mention; only the ids the bot itself wraps in `@{…}` ping anyone.
function withTextDefused(action: EscalationAction): EscalationAction {
  switch (action.kind) {
    case 'waiting':
      return { ...action, question: neutraliseMentions(action.question) };
    case 'resolve':
      return { ...action, note: neutraliseMentions(action.note) };
    case 'duplicate':
      return action.reason === undefined ? action : { ...action, reason: neutraliseMentions(action.reason) };
    default:
      return action;
  }
}
