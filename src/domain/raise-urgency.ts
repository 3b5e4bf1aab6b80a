import type { Escalation } from './escalation.js';

/**
 * An escalation made urgent: each SLA target is brought forward to what an urgent escalation filed now would get
 * (`urgentDue`), never later than it was, and a first-response target already met stays as it was. Reminders already
 * sent for a moved target may go out again. The input is not changed; events are the caller's.
 * @example raiseUrgency(esc, () => '2026-12-11T03:00:00.000Z').urgency // 'urgent'
 */
export function raiseUrgency(esc: Escalation, urgentDue: (target: 'first' | 'resolution') => string): Escalation {
  const earlier = (current: string, candidate: string) => (candidate < current ? candidate : current);
  const firstResponseDue = esc.firstResponseAt
    ? esc.firstResponseDue
    : earlier(esc.firstResponseDue, urgentDue('first'));
  const resolutionDue = earlier(esc.resolutionDue, urgentDue('resolution'));
  const moved = (key: string) =>
    (key.includes('first') && firstResponseDue !== esc.firstResponseDue) ||
    (key.includes('resolution') && resolutionDue !== esc.resolutionDue);
  return {
    ...esc,
    urgency: 'urgent',
    firstResponseDue,
    resolutionDue,
    reminded: esc.reminded.filter((k) => !moved(k)),
  };
}
