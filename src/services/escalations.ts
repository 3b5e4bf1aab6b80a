import { type Actor, isFinance } from '../domain/actor.js';
import { addBusinessMinutes, type WorkingCalendar } from '../domain/business-time.js';
import { isDeadlineUrgent, slaCap } from '../domain/deadline-urgency.js';
import {
  applyAction,
  type Escalation,
  type EscalationAction,
  type EscalationEvent,
  type EscalationReason,
  isOpen,
  type SlaReminder,
  slaReminders,
  type Urgency,
} from '../domain/escalation.js';
import { businessHoursOf, type EscalationSettings } from '../domain/escalation-settings.js';
import { formatId, keyToId } from '../domain/identifier.js';
import type { Language } from '../i18n/language.js';
import { err, ok, type Result } from '../lib/result.js';
import { localDay } from '../lib/time.js';
import type { EscalationRenderer, EscalationStore, Notifier } from '../ports.js';
import { type LookupDeps, lookUpInvoice } from './look-up-invoice.js';

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
  languageOf: (userId: string) => Language;
};

/** Why an escalation action did nothing. */
export type EscalationFailure =
  | { code: 'not_allowed' }
  | { code: 'not_found'; id: string }
  | { code: 'invalid_transition'; from: string; action: string };

/** A new escalation, or the open one the requester now follows. */
export type Filed = { escalation: Escalation; followed: boolean };

/** What the requester gives when filing. */
export type FileRequest = {
  invoiceKey: string;
  urgency: Urgency;
  note: string;
  checks: string[];
  reason?: EscalationReason;
};

/**
 * Files an escalation with the bot's evidence and posts it for finance. A second escalation about an invoice that
 * already has an open one does not create a post: the person becomes a follower and is told so.
 */
export async function fileEscalation(deps: EscalationDeps, actor: Actor, request: FileRequest): Promise<Filed> {
  const now = deps.lookup.clock.now();
  const at = now.toISOString();
  const open = deps.escalations.openFor(request.invoiceKey);
  if (open) {
    const event: EscalationEvent = {
      at,
      by: actor.userId,
      action: 'followed',
      ...(request.note ? { text: request.note } : {}),
    };
    let added = false;
    // Decided on the escalation as stored now: another person may have followed it a moment ago.
    const followed = await deps.escalations.update(open.id, (current) => {
      if (current.requester === actor.userId || current.followers.includes(actor.userId)) return undefined;
      added = true;
      return { ...current, followers: [...current.followers, actor.userId], events: [...current.events, event] };
    });
    const escalation = followed ?? open;
    if (added) await announce(deps, escalation, event, false);
    return { escalation, followed: true };
  }
  const id = keyToId(request.invoiceKey);
  const lookup = lookUpInvoice(deps.lookup, { raw: formatId(id), id, problems: [] });
  const hours = businessHoursOf(deps.settings);
  const zone = deps.lookup.zone;
  // Close to the filing deadline, an escalation is urgent whatever was asked, and its SLA never runs past the deadline.
  const autoUrgent = request.urgency === 'normal' && isDeadlineUrgent(lookup.filing, deps.settings);
  const urgency: Urgency = autoUrgent ? 'urgent' : request.urgency;
  const cap = slaCap(lookup.filing, deps.settings, hours, zone)?.getTime();
  const due = (minutes: number) => {
    const target = addBusinessMinutes(now, minutes, deps.calendar, hours, zone).getTime();
    return new Date(cap !== undefined && target > cap ? Math.max(cap, now.getTime()) : target).toISOString();
  };
  const day = localDay(now, zone).replace(/-/g, '');
  const sameDay = deps.escalations.all().filter((e) => e.id.startsWith(`ESC-${day}-`)).length;
  let escalation: Escalation = {
    id: `ESC-${day}-${String(sameDay + 1).padStart(3, '0')}`,
    invoiceKey: request.invoiceKey,
    requester: actor.userId,
    followers: [],
    urgency,
    ...(autoUrgent ? { autoUrgent } : {}),
    ...(lookup.filing ? { filing: lookup.filing } : {}),
    note: request.note,
    ...(request.reason ? { reason: request.reason } : {}),
    diagnosis: lookup.diagnosis,
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
  };
  await deps.escalations.put(escalation);
  const targets = deps.channel ? [deps.channel] : deps.financeLeads;
  const posts: Escalation['posts'] = [];
  for (const target of targets) {
    const delivery = deps.channel
      ? await deps.notifier.post(target, deps.render.post(escalation))
      : await deps.notifier.direct(target, deps.render.post(escalation));
    if (delivery.ok) posts.push({ channel: target, ts: delivery.ts });
  }
  // Followers may have joined while the posts went out: add the posts to the stored escalation, not to our copy.
  escalation =
    (await deps.escalations.update(escalation.id, (current) => ({
      ...current,
      posts: [...current.posts, ...posts],
    }))) ?? escalation;
  return { escalation, followed: false };
}

/**
 * A finance lead or admin acts on an escalation: the post is edited in place, the change is replied in its thread,
 * and the requester and followers get a DM in their language. Anyone else is refused.
 */
export async function actOnEscalation(
  deps: EscalationDeps,
  actor: Actor,
  id: string,
  action: EscalationAction,
): Promise<Result<Escalation, EscalationFailure>> {
  if (!isFinance(actor)) return err({ code: 'not_allowed' });
  if (!deps.escalations.get(id)) return err({ code: 'not_found', id });
  if (action.kind === 'duplicate' && (action.of === id || !deps.escalations.get(action.of)))
    return err({ code: 'not_found', id: action.of });
  const now = deps.lookup.clock.now();
  let failure: EscalationFailure | undefined;
  const next = await deps.escalations.update(id, (current) => {
    const applied = applyAction(current, action, actor.userId, now);
    if (applied.ok) return applied.value;
    failure = applied.error;
    return undefined;
  });
  if (failure || !next) return err(failure ?? { code: 'not_found', id });
  await announce(deps, next, next.events[next.events.length - 1] as EscalationEvent, true);
  return ok(next);
}

/**
 * Sends the SLA reminders that have fallen due — "due soon" once, "breached" again every `repeatMinutes` until
 * someone acts — in the escalation's thread; breaches also go to the admins. Each is marked before it is sent, and
 * after a restart only the latest missed one goes out.
 */
export async function runSlaReminders(deps: EscalationDeps): Promise<number> {
  const now = deps.lookup.clock.now();
  let sent = 0;
  for (const { id } of deps.escalations.all().filter(isOpen)) {
    // Due reminders are worked out on the escalation as stored now — sending the previous ones took time, and a
    // lead may have resolved this one meanwhile — and marked in the same step, so they go out once.
    let due: SlaReminder[] = [];
    const esc = await deps.escalations.update(id, (current) => {
      if (!isOpen(current)) return undefined;
      due = slaReminders(current, now, deps.settings.nearMinutes * 60_000, deps.settings.repeatMinutes * 60_000);
      return due.length === 0 ? undefined : { ...current, reminded: [...current.reminded, ...due.map((r) => r.key)] };
    });
    if (!esc) continue;
    for (const reminder of due) {
      const message = deps.render.reminder(esc, reminder);
      for (const post of esc.posts) await deps.notifier.post(post.channel, message, post.ts);
      if (reminder.kind === 'breach') for (const admin of deps.admins) await deps.notifier.direct(admin, message);
      sent += 1;
    }
  }
  return sent;
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
    await deps.notifier.direct(person, deps.render.toPerson(esc, event, deps.languageOf(person)));
  }
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
  const waiting = deps.escalations
    .all()
    .filter((e) => e.status === 'waiting' && (e.requester === userId || e.followers.includes(userId)))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (!waiting) return undefined;
  const event: EscalationEvent = { at: deps.lookup.clock.now().toISOString(), by: userId, action: 'relayed', text };
  const next =
    (await deps.escalations.update(waiting.id, (current) => ({ ...current, events: [...current.events, event] }))) ??
    waiting;
  const reply = deps.render.event(next, event);
  for (const p of next.posts) await deps.notifier.post(p.channel, reply, p.ts);
  return next;
}

/** Finance wrote in an escalation's thread: the requester and followers get it by DM. False if no escalation matches. */
export async function relayFromThread(
  deps: EscalationDeps,
  channel: string,
  threadTs: string,
  userId: string,
  text: string,
): Promise<boolean> {
  const esc = deps.escalations.all().find((e) => e.posts.some((p) => p.channel === channel && p.ts === threadTs));
  if (!esc || userId === esc.requester) return false;
  const event: EscalationEvent = { at: deps.lookup.clock.now().toISOString(), by: userId, action: 'relayed', text };
  await deps.escalations.update(esc.id, (current) => ({ ...current, events: [...current.events, event] }));
  for (const person of [esc.requester, ...esc.followers]) {
    await deps.notifier.direct(person, deps.render.toPerson(esc, event, deps.languageOf(person)));
  }
  return true;
}
