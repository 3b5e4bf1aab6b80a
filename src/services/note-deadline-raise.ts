import type { EscalationDeps } from './escalations.js';
import { once, runLeased } from './run-leased.js';

/**
 * Sends the note an escalation's deadline raise still owes (`Escalation.deadlineNote`): on each of its posts, the post
 * edited to show why it is urgent, and one reply in its thread. The raise marks the note owed in the same write that
 * makes the escalation urgent; here the note is leased in the schedule store (`deadline-note:<id>`), each edit and
 * reply recorded as a step, and the debt cleared on the escalation only once all went out. So a crash or a failure
 * after the raise leaves the note to the next tick of any replica, which sends only what was not sent, and two
 * replicas never send it twice. True when this call sent it.
 */
export async function noteDeadlineRaise(deps: EscalationDeps, id: string): Promise<boolean> {
  const owed = (await deps.escalations.get(id))?.deadlineNote;
  if (!owed) return false;
  const sent = await runLeased(
    deps.schedule,
    `deadline-note:${id}`,
    owed,
    async (lease) => {
      // Read again under the lease: another replica may have sent it since.
      const esc = await deps.escalations.get(id);
      const event =
        esc?.deadlineNote === owed
          ? esc.events.find((e) => e.action === 'deadline_urgent' && e.at === owed)
          : undefined;
      if (!esc || !event) return false;
      const post = deps.render.post(esc);
      const reply = deps.render.event(esc, event);
      for (const p of esc.posts) {
        await once(lease, `update:${p.channel}:${p.ts}`, () => deps.notifier.update(p.channel, p.ts, post));
        await once(lease, `post:${p.channel}:${p.ts}`, () => deps.notifier.post(p.channel, reply, p.ts));
      }
      await deps.escalations.update(id, (current) => {
        if (current.deadlineNote !== owed) return undefined;
        const { deadlineNote: _sent, ...rest } = current;
        return rest;
      });
      return true;
    },
    'discard',
  );
  return sent ?? false;
}
