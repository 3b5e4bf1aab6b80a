import { type Actor, isAdmin } from '../domain/actor.js';
import {
  dueEvents,
  type Notice,
  type NoticeDraft,
  type NoticeEvent,
  type NoticePost,
  type NoticeProblem,
  validateNotice,
} from '../domain/notice.js';
import { neutraliseMentions } from '../lib/mrkdwn.js';
import { err, ok, type Result } from '../lib/result.js';
import type { Clock, NoticeRenderer, NoticeStore, Notifier, ScheduleLease, ScheduleStore } from '../ports.js';
import { once, runLeased } from './run-leased.js';

/** What the notice use cases need. */
export type NoticeDeps = {
  notices: NoticeStore;
  notifier: Notifier;
  render: NoticeRenderer;
  clock: Clock;
  newId: () => string;
};

/** Why a notice action did nothing. */
export type NoticeError =
  | { code: 'not_allowed' }
  | { code: 'invalid'; problems: NoticeProblem[] }
  | { code: 'not_found' }
  | { code: 'finished'; status: string };

/** A change an admin makes to a notice after scheduling it. */
export type NoticeChange =
  | { kind: 'update'; text: string }
  | { kind: 'extend'; endsAt: string }
  | { kind: 'end_early' }
  | { kind: 'cancel' };

/**
 * Schedules a notice (admins only) and posts its announcement to each channel. A channel that fails does not stop
 * the others; the returned posts are the delivery report. The notice is saved before anything is posted.
 */
export async function scheduleNotice(
  deps: NoticeDeps,
  actor: Actor,
  draft: NoticeDraft,
): Promise<Result<Notice, NoticeError>> {
  if (!isAdmin(actor)) return err({ code: 'not_allowed' });
  const now = deps.clock.now();
  const problems = validateNotice(draft, now);
  if (problems.length > 0) return err({ code: 'invalid', problems });
  const { alreadyStarted: started, ...fields } = withTextDefused(draft);
  // A policy change announced on or after its effective date is already in effect: it gets no "now in effect" step.
  const alreadyStarted = draft.kind === 'policy' ? Date.parse(draft.startsAt) <= now.getTime() : started;
  const at = now.toISOString();
  let notice: Notice = {
    ...fields,
    id: deps.newId(),
    status: alreadyStarted ? 'in_progress' : 'scheduled',
    createdBy: actor.userId,
    createdAt: at,
    posts: [],
    events: [{ at, kind: 'scheduled', by: actor.userId }],
    // A window already under way needs no reminders and no separate "started" message; a reminder whose moment
    // has already passed ("starts in 24 hours" for a window 3 hours away) would be wrong, so it is skipped too.
    done: [
      ...(alreadyStarted ? ['start'] : []),
      ...fields.reminders
        .filter((m) => alreadyStarted || Date.parse(fields.startsAt) - m * 60_000 <= now.getTime())
        .map((m) => `reminder:${m}`),
    ],
  };
  await deps.notices.put(notice);
  for (const channel of notice.channels) {
    const delivery = await deps.notifier.post(channel, deps.render.announcement(notice));
    const post: NoticePost = delivery.ok ? { channel, ts: delivery.ts } : { channel, error: delivery.error };
    // The tick or another admin may have changed the notice while this post went out: add to the stored one.
    notice =
      (await deps.notices.update(notice.id, (current) => ({ ...current, posts: [...current.posts, post] }))) ?? notice;
  }
  return ok(notice);
}

/** Updates, extends, ends early or cancels a notice (admins only), editing every announcement and adding a thread reply. */
export async function changeNotice(
  deps: NoticeDeps,
  actor: Actor,
  id: string,
  change: NoticeChange,
): Promise<Result<Notice, NoticeError>> {
  if (!isAdmin(actor)) return err({ code: 'not_allowed' });
  if (!(await deps.notices.get(id))) return err({ code: 'not_found' });
  const now = deps.clock.now();
  const result: { outcome: Result<{ notice: Notice; event: NoticeEvent }, NoticeError> } = {
    outcome: err({ code: 'not_found' }),
  };
  // Worked out on the notice as stored at this moment, so a reminder the tick just marked is kept.
  await deps.notices.update(id, (current) => {
    result.outcome = applyChange(current, change, actor.userId, now);
    return result.outcome.ok ? result.outcome.value.notice : undefined;
  });
  const { outcome } = result;
  if (!outcome.ok) return outcome;
  await announce(deps, outcome.value.notice, outcome.value.event);
  return ok(outcome.value.notice);
}

function applyChange(
  current: Notice,
  change: NoticeChange,
  by: string,
  now: Date,
): Result<{ notice: Notice; event: NoticeEvent }, NoticeError> {
  if (current.status === 'completed' || current.status === 'cancelled')
    return err({ code: 'finished', status: current.status });
  const at = now.toISOString();
  let next: Notice;
  let event: NoticeEvent;
  switch (change.kind) {
    case 'update': {
      const text = neutraliseMentions(change.text);
      const zh = /[\u4e00-\u9fff]/.test(text);
      next = { ...current, message: { ...current.message, [zh ? 'zh' : 'en']: text } };
      event = { at, kind: 'updated', by, text };
      break;
    }
    case 'extend': {
      if (current.kind === 'policy')
        return err({ code: 'invalid', problems: [{ field: 'endsAt', code: 'policy_has_no_end' }] });
      const problems = validateNotice({ ...current, endsAt: change.endsAt, alreadyStarted: true }, now).filter(
        (p) => p.field === 'endsAt',
      );
      if (Date.parse(change.endsAt) <= Date.parse(current.endsAt))
        problems.push({ field: 'endsAt', code: 'end_before_start' });
      if (problems.length > 0) return err({ code: 'invalid', problems });
      next = { ...current, endsAt: change.endsAt, done: current.done.filter((d) => d !== 'complete') };
      event = { at, kind: 'extended', by, text: change.endsAt };
      break;
    }
    case 'end_early':
      if (current.kind === 'policy')
        return err({ code: 'invalid', problems: [{ field: 'endsAt', code: 'policy_has_no_end' }] });
      next = {
        ...current,
        // ISO-8601 strings in one zone compare in time order; Math.min would turn them into NaN.
        // biome-ignore lint/complexity/useMathMinMax: strings, not numbers
        endsAt: at < current.endsAt ? at : current.endsAt,
        status: 'completed',
        done: [...current.done, 'complete'],
      };
      event = { at, kind: 'ended_early', by };
      break;
    case 'cancel':
      next = { ...current, status: 'cancelled' };
      event = { at, kind: 'cancelled', by };
      break;
  }
  return ok({ notice: { ...next, events: [...next.events, event] }, event });
}

/**
 * Carries out every lifecycle step that has fallen due — reminders, "in progress", "completed" — once each, in
 * order, including those missed while the bot was down. Each step is leased in the schedule store
 * (`notice:<id>`), worked out again on the notice as stored once leased, announced one message at a time (each
 * recorded on the lease), and only then marked done on the notice: two replicas never announce it twice, and a
 * replica that dies mid-way leaves the rest to the next tick.
 */
export async function runDueEvents(deps: NoticeDeps & { schedule: ScheduleStore }): Promise<number> {
  let count = 0;
  for (const { id } of await deps.notices.all()) {
    // One step at a time, each worked out on the notice as stored now: while the previous step's messages went
    // out, an admin may have cancelled or extended it, and that change must stand.
    for (;;) {
      const now = deps.clock.now();
      // Steps whose moment passed unannounced (a reminder for a window already under way) are only marked.
      const notice = await deps.notices.update(id, (current) => {
        const { skip } = dueEvents(current, now);
        return skip.length > 0 ? { ...current, done: [...current.done, ...skip] } : undefined;
      });
      const stored = notice ?? (await deps.notices.get(id));
      const step = stored && dueEvents(stored, now).due[0];
      if (!step) break;
      const taken = await runLeased(
        deps.schedule,
        `notice:${id}`,
        step.key,
        (lease) => takeStep(deps, lease, id, step.key, now),
        'discard',
      );
      if (!taken) break;
      count += 1;
    }
  }
  return count;
}

async function takeStep(deps: NoticeDeps, lease: ScheduleLease, id: string, key: string, now: Date): Promise<number> {
  const notice = await deps.notices.get(id);
  const step = notice && dueEvents(notice, now).due[0];
  if (!notice || step?.key !== key) return 0;
  const at = now.toISOString();
  const event: NoticeEvent =
    step.kind === 'reminder'
      ? { at, kind: 'reminder', minutesBefore: step.minutesBefore }
      : { at, kind: step.kind === 'start' ? 'started' : 'completed' };
  const taken = (current: Notice): Notice => {
    // An admin's cancel or early end made while the messages went out stands.
    const open = current.status === 'scheduled' || current.status === 'in_progress';
    const status = !open
      ? current.status
      : step.kind === 'start'
        ? 'in_progress'
        : step.kind === 'complete'
          ? 'completed'
          : current.status;
    // The step was taken before any change an admin made meanwhile, so its event goes before theirs.
    const before = notice.events.length;
    const events = [...current.events.slice(0, before), event, ...current.events.slice(before)];
    return { ...current, status, done: [...current.done, key], events };
  };
  await announce(deps, taken(notice), event, lease);
  await deps.notices.update(id, (current) => (current.done.includes(key) ? undefined : taken(current)));
  return 1;
}

// Edits the original announcement in each channel (so no channel shows a stale state) and replies in its thread;
// under a lease, each message once per step.
async function announce(deps: NoticeDeps, notice: Notice, event: NoticeEvent, lease?: ScheduleLease): Promise<void> {
  const original = deps.render.announcement(notice);
  const reply = deps.render.event(notice, event);
  const send = (key: string, work: () => Promise<unknown>) => (lease ? once(lease, key, work) : work());
  for (const post of notice.posts) {
    const { ts } = post;
    if (!ts) continue;
    await send(`update:${post.channel}:${ts}`, () => deps.notifier.update(post.channel, ts, original));
    await send(`reply:${post.channel}:${ts}`, () => deps.notifier.post(post.channel, reply, ts));
  }
}

// A notice's texts and link are posted to whole channels. They are defused here, where the command and the form both
// arrive, so a listener that forgets cannot turn them into a mention or a broadcast.
function withTextDefused(draft: NoticeDraft): NoticeDraft {
  const { en, zh } = draft.message;
  return {
    ...draft,
    message: {
      ...(en === undefined ? {} : { en: neutraliseMentions(en) }),
      ...(zh === undefined ? {} : { zh: neutraliseMentions(zh) }),
    },
    ...(draft.policy
      ? {
          policy: {
            ...draft.policy,
            ...(draft.policy.link === undefined ? {} : { link: neutraliseMentions(draft.policy.link) }),
          },
        }
      : {}),
  };
}
