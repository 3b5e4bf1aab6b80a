import type { Escalation } from '../domain/escalation.js';
import { keyToId } from '../domain/identifier.js';
import type { SlaState } from '../domain/sla-state.js';
import type { Catalog, Formatters } from './catalog.js';

// The App Home and the queue show these; they read the same in both languages.
const BADGE: Record<SlaState, string> = { on_track: '🟢 ', due_soon: '🟠 ', overdue: '🔴 ' };

/**
 * One escalation on one line, for the queue, the App Home, the daily digest and the weekly check: an SLA badge when
 * given, reference, invoice, status, urgency, the requester when asked for, and the resolution target.
 * @example escalationLine(esc, en, f, { sla: 'overdue' }) // '🔴 ESC-20261127-001 · 2611… · Open · Normal · 2026-11-27 18:00'
 */
export function escalationLine(
  esc: Escalation,
  t: Catalog,
  f: Formatters,
  show: { sla?: SlaState | undefined; requester?: boolean } = {},
): string {
  const e = t.escalations;
  return [
    `${show.sla ? BADGE[show.sla] : ''}${esc.id}`,
    f.id(keyToId(esc.invoiceKey)),
    e.status(esc.status),
    e.urgency(esc.urgency === 'urgent'),
    ...(show.requester ? [`@{${esc.requester}}`] : []),
    f.time(esc.resolutionDue),
  ].join(' · ');
}
