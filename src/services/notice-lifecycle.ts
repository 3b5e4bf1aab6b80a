import type { Actor } from '../domain/actor.js';
import {
  dueEvents,
  type Notice,
  type NoticeDraft,
  type NoticeEvent,
  type NoticePost,
  type NoticeProblem,
  validateNotice,
} from '../domain/notice.js';
import { err, ok, type Result } from '../lib/result.js';
import type { Clock, NoticeRenderer, NoticeStore, Notifier } from '../ports.js';

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
  if (actor.role !== 'admin') return err({ code: 'not_allowed' });
  const now = deps.clock.now();
  const problems = validateNotice(draft, now);
  if (problems.length > 0) return err({ code: 'invalid', problems });
  const { alreadyStarted, ...fields } = draft;
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
  const posts: NoticePost[] = [];
  for (const channel of notice.channels) {
    const delivery = await deps.notifier.post(channel, deps.render.announcement(notice));
    posts.push(delivery.ok ? { channel, ts: delivery.ts } : { channel, error: delivery.error });
    notice = { ...notice, posts: [...posts] };
    await deps.notices.put(notice);
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
  if (actor.role !== 'admin') return err({ code: 'not_allowed' });
  const current = deps.notices.get(id);
  if (!current) return err({ code: 'not_found' });
  if (current.status === 'completed' || current.status === 'cancelled')
    return err({ code: 'finished', status: current.status });
  const now = deps.clock.now();
  const at = now.toISOString();
  let next: Notice;
  let event: NoticeEvent;
  switch (change.kind) {
    case 'update': {
      const zh = /[\u4e00-\u9fff]/.test(change.text);
      next = { ...current, message: { ...current.message, [zh ? 'zh' : 'en']: change.text } };
      event = { at, kind: 'updated', by: actor.userId, text: change.text };
      break;
    }
    case 'extend': {
      const problems = validateNotice({ ...current, endsAt: change.endsAt, alreadyStarted: true }, now).filter(
        (p) => p.field === 'endsAt',
      );
      if (Date.parse(change.endsAt) <= Date.parse(current.endsAt))
        problems.push({ field: 'endsAt', code: 'end_before_start' });
      if (problems.length > 0) return err({ code: 'invalid', problems });
      next = { ...current, endsAt: change.endsAt, done: current.done.filter((d) => d !== 'complete') };
      event = { at, kind: 'extended', by: actor.userId, text: change.endsAt };
      break;
    }
    case 'end_early':
      next = {
        ...current,
        // ISO-8601 strings in one zone compare in time order; Math.min would turn them into NaN.
        // biome-ignore lint/complexity/useMathMinMax: strings, not numbers
        endsAt: at < current.endsAt ? at : current.endsAt,
        status: 'completed',
        done: [...current.done, 'complete'],
      };
      event = { at, kind: 'ended_early', by: actor.userId };
      break;
    case 'cancel':
      next = { ...current, status: 'cancelled' };
      event = { at, kind: 'cancelled', by: actor.userId };
      break;
  }
  next = { ...next, events: [...next.events, event] };
  await deps.notices.put(next);
  await announce(deps, next, event);
  return ok(next);
}

/**
 * Carries out every lifecycle step that has fallen due — reminders, "in progress", "completed" — once each, in
 * order, including those missed while the bot was down. Each step is marked done before its messages go out, so a
 * restart never repeats one.
 */
export async function runDueEvents(deps: NoticeDeps): Promise<number> {
  let count = 0;
  for (const original of deps.notices.all()) {
    const now = deps.clock.now();
    const { due, skip } = dueEvents(original, now);
    if (due.length === 0 && skip.length === 0) continue;
    let notice: Notice = { ...original, done: [...original.done, ...skip] };
    for (const step of due) {
      const at = now.toISOString();
      const event: NoticeEvent =
        step.kind === 'reminder'
          ? { at, kind: 'reminder', minutesBefore: step.minutesBefore }
          : { at, kind: step.kind === 'start' ? 'started' : 'completed' };
      const status = step.kind === 'start' ? 'in_progress' : step.kind === 'complete' ? 'completed' : notice.status;
      notice = { ...notice, status, done: [...notice.done, step.key], events: [...notice.events, event] };
      await deps.notices.put(notice);
      await announce(deps, notice, event);
      count += 1;
    }
    if (due.length === 0) await deps.notices.put(notice);
  }
  return count;
}

// Edits the original announcement in each channel (so no channel shows a stale state) and replies in its thread.
async function announce(deps: NoticeDeps, notice: Notice, event: NoticeEvent): Promise<void> {
  const original = deps.render.announcement(notice);
  const reply = deps.render.event(notice, event);
  for (const post of notice.posts) {
    if (!post.ts) continue;
    await deps.notifier.update(post.channel, post.ts, original);
    await deps.notifier.post(post.channel, reply, post.ts);
  }
}
