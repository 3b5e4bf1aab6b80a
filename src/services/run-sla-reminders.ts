import { type Escalation, isOpen, slaReminders } from '../domain/escalation.js';
import { localDay } from '../lib/time.js';
import { type EscalationDeps, raiseIfNearDeadline } from './escalations.js';
import { noteDeadlineRaise } from './note-deadline-raise.js';
import { directEachOnce, once, runLeased } from './run-leased.js';

/**
 * Sends the SLA reminders that have fallen due — "due soon" once, "breached" again every `repeatMinutes` until
 * someone acts — in the escalation's thread; breaches also go to the admins. After a restart only the latest missed
 * one goes out. An escalation whose invoice's filing deadline has come close is first raised to urgent
 * ({@link raiseIfNearDeadline}) and the raise's note sent, or the note an earlier raise still owes
 * ({@link noteDeadlineRaise}). Each reminder is leased in the schedule store (`sla:<id>`), worked out again on the escalation as
 * stored once leased, sent one message at a time (each recorded on the lease), and only then marked on the
 * escalation: two replicas never send it twice, and a replica that dies mid-way leaves the rest to the next tick.
 */
export async function runSlaReminders(deps: EscalationDeps): Promise<number> {
  const now = deps.lookup.clock.now();
  const dueOn = (esc: Escalation) =>
    slaReminders(esc, now, deps.settings.nearMinutes * 60_000, deps.settings.repeatMinutes * 60_000);
  const today = localDay(now, deps.lookup.zone);
  let sent = 0;
  for (const stored of await deps.escalations.all()) {
    const { id } = stored;
    const raised = isOpen(stored) ? await raiseIfNearDeadline(deps, id, now, today) : undefined;
    // A raise's note is owed until sent: now, or on a later tick when a crash or failure came between the two (the
    // escalation may have been resolved since; the note is still owed to its thread).
    if ((raised ?? stored).deadlineNote && (await noteDeadlineRaise(deps, id))) sent += 1;
    if (!isOpen(stored)) continue;
    const listed = raised ?? stored;
    for (const { key } of dueOn(listed)) {
      const done = await runLeased(
        deps.schedule,
        `sla:${id}`,
        key,
        async (lease) => {
          // Sending the previous ones took time: a lead may have resolved this one, or another replica sent it.
          const esc = await deps.escalations.get(id);
          const reminder = esc && dueOn(esc).find((r) => r.key === key);
          if (!esc || !reminder) return 0;
          const message = deps.render.reminder(esc, reminder);
          for (const post of esc.posts)
            await once(lease, `post:${post.channel}:${post.ts}`, () =>
              deps.notifier.post(post.channel, message, post.ts),
            );
          // The thread's copy is in the bot's language; each admin's DM in theirs.
          if (reminder.kind === 'breach')
            await directEachOnce(lease, deps, deps.admins, (language) => deps.render.reminder(esc, reminder, language));
          await deps.escalations.update(id, (current) =>
            current.reminded.includes(key) ? undefined : { ...current, reminded: [...current.reminded, key] },
          );
          return 1;
        },
        'discard',
      );
      sent += done ?? 0;
    }
  }
  return sent;
}
