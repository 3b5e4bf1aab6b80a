import {
  allowedActions,
  type Escalation,
  type EscalationEvent,
  escalationSla,
  type SlaReminder,
} from '../domain/escalation.js';
import type { FilingDeadline } from '../domain/filing-calendar.js';
import { formatId, keyToId } from '../domain/identifier.js';
import { catalogFor } from '../i18n/catalog-for.js';
import { escalationLine } from '../i18n/escalation-line.js';
import { formatters } from '../i18n/formatters.js';
import type { Language } from '../i18n/language.js';
import type { Announcement, EscalationRenderer, UnselectedItem } from '../ports.js';
import { makeChoice } from './choices.js';
import { noticeTitle } from './notice-renderer.js';

/**
 * Buttons for the actions a lead can take on an escalation in its current state (exactly the transitions the domain
 * allows), as `escalation_action` choices; the next natural step is the primary one.
 */
export function escalationActions(esc: Escalation, language: Language): NonNullable<Announcement['actions']> {
  const t = catalogFor(language).escalations;
  const primary = esc.status === 'open' ? 'claim' : 'resolve';
  return allowedActions(esc.status).map((kind) =>
    makeChoice(
      { kind: 'escalation_action', id: esc.id, action: kind },
      t[kind],
      kind === primary ? 'primary' : undefined,
    ),
  );
}

/**
 * Words for escalation posts (the bot's language) and for the people waiting on them (each one's own).
 * `nearMinutes` is the reminder window, which is also what 🟠 means.
 */
export function createEscalationRenderer(language: Language, zone: string, nearMinutes: number): EscalationRenderer {
  const { time } = formatters(zone);
  const nearMs = nearMinutes * 60_000;
  // An urgency change carries its new due time as an ISO instant: people read it in the bot's zone.
  const shown = (e: EscalationEvent): EscalationEvent =>
    (e.action === 'urgency_raised' || e.action === 'deadline_urgent') && e.text ? { ...e, text: time(e.text) } : e;
  // Made urgent as the deadline came close (not when filed): the reason says so.
  const raisedLater = (esc: Escalation) => esc.events.some((e) => e.action === 'deadline_urgent');
  // Received invoices not selected for deduction (or locked by a red-letter form): a title and at most 40 lines.
  const unselectedLines = (deadline: FilingDeadline, daysLeft: number, items: UnselectedItem[]): string[] => {
    const t = catalogFor(language).deduction;
    return [
      t.reminderTitle(deadline, daysLeft, items.length),
      ...items.slice(0, 40).map((i) => t.reminderLine(i.invoice, i.kind, i.requester)),
    ];
  };
  return {
    post(esc) {
      const c = catalogFor(language);
      const t = c.escalations;
      // The post is read by a whole channel (or forwarded from a lead's DM): always masked. *Details* shows finance
      // the full card privately. Its readers are finance, so the next step is what finance does.
      const diagnosis = c.diagnosis(esc.diagnosis, formatters(zone), {
        ...(esc.direction ? { direction: esc.direction } : {}),
        finance: true,
        ...esc.kind,
      });
      const lines = [
        `*${t.title(esc.id, formatId(keyToId(esc.invoiceKey)))}* — ${t.status(esc.status)} · ${t.urgency(esc.urgency === 'urgent')}`,
        `${t.requester}: @{${esc.requester}}${esc.followers.length ? ` · ${t.followers}: ${esc.followers.map((f) => `@{${f}}`).join(' ')}` : ''}${esc.assignee ? ` · ${t.assignee}: @{${esc.assignee}}` : ''}`,
        ...(esc.reason ? [t.reason(esc.reason)] : []),
        ...(esc.autoUrgent && esc.filing ? [`⏰ ${c.filing.urgentReason(esc.filing, raisedLater(esc))}`] : []),
        `🔎 ${diagnosis.headline}`,
        ...diagnosis.evidence.map((e) => `• ${e}`),
        `👉 ${diagnosis.next}`,
        ...(esc.note ? [`${t.note}: ${esc.note}`] : []),
        ...(esc.checks.length ? [t.checks, ...esc.checks.slice(0, 8).map((l) => `• ${l}`)] : []),
        ...(esc.resolution ? [t.resolution(t.cause(esc.resolution.cause), esc.resolution.note)] : []),
        ...(esc.duplicateOf ? [t.duplicateOf(esc.duplicateOf)] : []),
        c.card.lastSync(
          esc.lastSync ? time(esc.lastSync.importedAt) : '—',
          esc.lastSync?.from ?? '—',
          esc.lastSync?.to ?? '—',
        ),
        t.due(time(esc.firstResponseDue), time(esc.resolutionDue)),
      ];
      return {
        text: lines.join('\n'),
        context: esc.events
          .map((e) => `${time(e.at)} ${t.event(shown(e))}`)
          .slice(-5)
          .join(' · '),
        actions: [
          ...escalationActions(esc, language),
          makeChoice({ kind: 'escalation_details', id: esc.id }, t.details),
        ],
      };
    },
    event(esc, event) {
      const c = catalogFor(language);
      const text = c.escalations.event(shown(event));
      // The note in the thread when the deadline made it urgent gives the reason, as the post does.
      const reason =
        event.action === 'deadline_urgent' && esc.filing ? `⏰ ${c.filing.urgentReason(esc.filing, true)} ` : '';
      return { text: `${reason}${text}`, context: esc.id };
    },
    toPerson(esc, event: EscalationEvent, personLanguage, reveal) {
      const t = catalogFor(personLanguage).escalations;
      // Referred to the tax authority: the requester needs to know where to turn, as the source article advises.
      const referred = event.action === 'resolve' && esc.resolution?.cause === 'tax_authority';
      const text = reveal ? t.toPerson(esc, shown(event)) : t.toFollower(esc, shown(event));
      return { text: referred ? `${text}\n${t.taxAuthorityAdvice}` : text, context: esc.id };
    },
    toAssignee(esc, event, link, personLanguage) {
      const text = catalogFor(personLanguage).escalations.toAssignee(
        esc.id,
        formatId(keyToId(esc.invoiceKey)),
        event.by,
        link,
      );
      return { text, context: esc.id };
    },
    digest(open, now) {
      const t = catalogFor(language).escalations;
      const c = catalogFor(language);
      const sla = open.map((e) => escalationSla(e, now, nearMs));
      const lines = open.map((e, i) => `• ${escalationLine(e, c, formatters(zone), { sla: sla[i] })}`);
      const count = (state: (typeof sla)[number]) => sla.filter((s) => s === state).length;
      return {
        text: [t.digest(open.length, count('overdue'), count('due_soon')), ...lines.slice(0, 30), t.legend].join('\n'),
      };
    },
    weeklyCheck(missing, overdue, windows, policies, now, unselected) {
      const t = catalogFor(language).escalations;
      const lines = [t.weekly(missing.length, overdue.length, windows.length)];
      if (missing.length)
        lines.push(
          t.weeklyMissing,
          ...missing.slice(0, 20).map((m) => `• ${m.invoice}${m.requester ? ` — @{${m.requester}}` : ''}`),
        );
      if (overdue.length)
        lines.push(
          t.weeklyOverdue,
          ...overdue.slice(0, 20).map((e) => {
            // Name each target it is past: an unanswered escalation can be late on its first response only.
            const past = [
              ...(!e.firstResponseAt && Date.parse(e.firstResponseDue) <= now.getTime()
                ? [t.pastTarget(true, time(e.firstResponseDue))]
                : []),
              ...(Date.parse(e.resolutionDue) <= now.getTime() ? [t.pastTarget(false, time(e.resolutionDue))] : []),
            ];
            const line = escalationLine(e, catalogFor(language), formatters(zone), { sla: 'overdue' });
            return `• ${line} · ${past.join(', ')}`;
          }),
        );
      if (windows.length)
        lines.push(t.weeklyWindows, ...windows.map((w) => `• ${w.title} · ${time(w.startsAt)} – ${time(w.endsAt)}`));
      if (policies.length) {
        const n = catalogFor(language).notices;
        lines.push(
          n.weeklyPolicies,
          ...policies.map(
            (p) =>
              `• ${time(p.startsAt)} · ${n.invoiceKinds(p.policy?.invoiceKinds ?? [])} · ${noticeTitle(p)} (${p.id})`,
          ),
        );
      }
      if (unselected?.items.length)
        lines.push(...unselectedLines(unselected.deadline, unselected.daysLeft, unselected.items));
      return { text: lines.join('\n') };
    },
    calendarMissing(year, adminLanguage) {
      return { text: catalogFor(adminLanguage).escalations.calendarMissing(year) };
    },
    filingReminder(deadline, daysLeft, missing, unselected) {
      const t = catalogFor(language).filing;
      const lines = missing
        .slice(0, 40)
        .map((m) => t.reminderLine(m.invoice, t.direction(m.direction), m.requester, m.escalation));
      const head = missing.length ? [t.reminder(deadline, daysLeft, missing.length), ...lines] : [];
      const tail = unselected.length ? unselectedLines(deadline, daysLeft, unselected) : [];
      return { text: [...head, ...tail].join('\n') };
    },
    filingReminderToRequester(deadline, daysLeft, invoices, personLanguage) {
      return { text: catalogFor(personLanguage).filing.requesterReminder(deadline, daysLeft, invoices) };
    },
    filingCalendarMissing(year, adminLanguage) {
      return { text: catalogFor(adminLanguage).filing.tableMissing(year) };
    },
    reminder(esc, reminder: SlaReminder, reader = language) {
      const due = reminder.target === 'first' ? esc.firstResponseDue : esc.resolutionDue;
      return { text: catalogFor(reader).escalations.reminder(esc.id, reminder, time(due)), context: esc.id };
    },
  };
}
