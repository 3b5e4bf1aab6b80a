import { type Actor, isFinance } from '../domain/actor.js';
import {
  type Escalation,
  type EscalationAction,
  type EscalationReason,
  escalationSla,
  isOpen,
  RESOLUTION_CAUSES,
  type ResolutionCause,
  type Urgency,
} from '../domain/escalation.js';
import { extractIds } from '../domain/extract-ids.js';
import { formatId, invoiceKey, keyToId } from '../domain/identifier.js';
import { catalogFor } from '../i18n/catalog-for.js';
import { escalationLine } from '../i18n/escalation-line.js';
import { formatters } from '../i18n/formatters.js';
import type { Language } from '../i18n/language.js';
import { formatLocal } from '../lib/time.js';
import type { AuditLog } from '../ports.js';
import {
  actOnEscalation,
  type EscalationDeps,
  type EscalationFailure,
  fileEscalation,
  refusalOf,
  relayFromRequester,
  relayFromThread,
  type ThreadRelay,
} from '../services/escalations.js';
import { lookUpInvoice } from '../services/look-up-invoice.js';
import { type EscalationChoice, makeChoice } from './choices.js';
import { escalationActions } from './escalation-renderer.js';
import { adviceOf, disclosureOf, lookupReplies } from './lookup-replies.js';
import type { Reply } from './reply.js';

/** Filing, listing and acting on escalations from text and buttons. */
export type EscalationFlow = {
  /** The card's Escalate button (or "escalate: lost invoice"): ask how urgent it is. */
  start(key: string, language: Language, reason?: EscalationReason): Reply[];
  file(
    actor: Actor,
    key: string,
    urgency: Urgency,
    note: string,
    checks: string[],
    language: Language,
    reason?: EscalationReason,
  ): Promise<Reply[]>;
  /** `/invoice escalate <id> [urgent] [note]`. */
  command(actor: Actor, args: string, language: Language): Promise<Reply[]>;
  /** `/invoice escalations [all]`: mine for employees, the open queue for finance. */
  list(actor: Actor, args: string, language: Language): Promise<Reply[]>;
  /** `/invoice escalation <verb> ESC-… …` for finance. */
  act(actor: Actor, args: string, language: Language): Promise<Reply[]>;
  /** A button: file with an urgency, view, act on or resolve an escalation. */
  choose(actor: Actor, choice: EscalationChoice, language: Language): Promise<Reply[]>;
  /** Applies a lead's action from a form (the Slack modal for resolve, assign and duplicate). */
  apply(actor: Actor, id: string, action: EscalationAction, language: Language): Promise<Reply[]>;
  /**
   * Why a lead's form cannot be applied as filled in (a person who cannot be assigned, a duplicate of a different
   * invoice without a reason, …), in the lead's own language, so the form can say so before it closes; undefined
   * when it can. Someone who is not finance gets undefined: `apply` refuses and records them.
   */
  check(actor: Actor, id: string, action: EscalationAction): Promise<Refusal | undefined>;
  /** Passes a requester's DM to finance while finance waits on them; undefined when nobody is waiting. */
  relay(actor: Actor, text: string, language: Language): Promise<Reply[] | undefined>;
  /** Passes a message in an escalation's thread to the requester; false when the thread is no escalation's. */
  relayThread(channel: string, threadTs: string, userId: string, text: string): Promise<ThreadRelay>;
  /** What the bot found about an invoice, for the top of the escalation form (read by `actor` alone). */
  describe(actor: Actor, key: string, language: Language): Promise<string>;
  /** The cause the resolve form starts with: "lost invoice" for an escalation filed for one. */
  suggestedCause(id: string): Promise<ResolutionCause | undefined>;
};

/** A form's refusal: why (`code`, to place it on the field at fault) and what to tell the lead. */
export type Refusal = { code: EscalationFailure['code']; text: string };

const STATUSES: ReadonlyArray<Escalation['status']> = ['open', 'claimed', 'waiting', 'resolved', 'duplicate'];
// The Chinese words a finance lead may type for the actions and the queue filters, beside the English ones.
const VERBS: Record<string, string> = {
  认领: 'claim',
  重开: 'reopen',
  等待: 'waiting',
  解决: 'resolve',
  指派: 'assign',
  重复: 'duplicate',
};
const FILTERS: Record<string, string> = {
  全部: 'all',
  待处理: 'open',
  已认领: 'claimed',
  等待中: 'waiting',
  已解决: 'resolved',
  重复: 'duplicate',
};

/** Creates the escalation flow. */
export function createEscalationFlow(deps: EscalationDeps & { audit: AuditLog }): EscalationFlow {
  const now = () => deps.lookup.clock.now();

  async function refuse(actor: Actor, language: Language, what: string): Promise<Reply[]> {
    await deps.audit.record({
      at: now().toISOString(),
      user: actor.userId,
      action: 'refused',
      detail: `escalation ${what}`,
    });
    return [{ kind: 'text', text: catalogFor(language).escalations.refused }];
  }

  function failure(error: EscalationFailure, language: Language): Reply[] {
    return [{ kind: 'text', text: failureText(error, language) }];
  }

  function failureText(error: EscalationFailure, language: Language): string {
    const t = catalogFor(language).escalations;
    switch (error.code) {
      case 'not_found':
        return t.notFound(error.id);
      case 'invalid_transition':
        return t.invalid(
          error.assignee ? t.progress('claimed', error.assignee) : t.status(error.from as Escalation['status']),
          t[error.action],
        );
      case 'note_required':
        return `${t.actionForm.noteRequired} ${causeUsage(language)}`;
      case 'question_required':
        return t.waitingUsage;
      case 'assignee_not_allowed':
        return t.assigneeNotAllowed(error.user);
      case 'duplicate_self':
        return t.duplicateSelf;
      case 'already_open':
        return t.alreadyOpen(error.id, error.open);
      case 'different_invoice':
        return t.differentInvoice(error.id, error.of, error.invoice, error.otherInvoice);
      case 'not_allowed':
        return t.refused;
    }
  }

  // Causes are chosen by number (or, for people who know them, by their code word); people only ever see labels.
  function causeUsage(language: Language): string {
    const t = catalogFor(language).escalations;
    return t.resolveUsage(RESOLUTION_CAUSES.map((c, i) => `${i + 1} ${t.cause(c)}`).join(', '));
  }

  function parseCause(word: string): ResolutionCause | undefined {
    const n = Number(word);
    if (Number.isInteger(n) && n >= 1 && n <= RESOLUTION_CAUSES.length) return RESOLUTION_CAUSES[n - 1];
    return RESOLUTION_CAUSES.find((c) => c === word.toLowerCase());
  }

  async function run(actor: Actor, id: string, action: EscalationAction, language: Language): Promise<Reply[]> {
    if (!isFinance(actor)) return refuse(actor, language, action.kind);
    const result = await actOnEscalation(deps, actor, id, action);
    if (!result.ok) return failure(result.error, language);
    await deps.audit.record({
      at: now().toISOString(),
      user: actor.userId,
      action: 'escalation_changed',
      detail: `${id} ${action.kind}`,
    });
    return [
      {
        kind: 'text',
        text: catalogFor(language).escalations.done(id, catalogFor(language).escalations.status(result.value.status)),
      },
    ];
  }

  // Closed escalations get no badge; open ones show where their resolution target stands.
  function summary(esc: Escalation, language: Language): string {
    const sla = escalationSla(esc, now(), deps.settings.nearMinutes * 60_000);
    return escalationLine(esc, catalogFor(language), formatters(deps.lookup.zone), { sla, requester: true });
  }

  // `escalations` shows the open ones; `all`, or a status (`open`, `claimed`, `waiting`, `resolved`), filters.
  function matches(esc: Escalation, filter: string): boolean {
    if (filter === 'all') return true;
    if (STATUSES.includes(filter as Escalation['status'])) return esc.status === filter;
    return isOpen(esc);
  }

  // The queue's title says what the filter shows: "all" and a status list closed escalations too.
  function queueTitle(filter: string, language: Language): string {
    const t = catalogFor(language).escalations;
    if (filter === 'all') return t.listAll;
    if (STATUSES.includes(filter as Escalation['status']))
      return t.listStatus(t.status(filter as Escalation['status']));
    return t.listQueue;
  }

  const flow: EscalationFlow = {
    start(key, language, reason) {
      const t = catalogFor(language).escalations;
      const reasonPart = reason ? { reason } : {};
      return [
        {
          kind: 'choices',
          text: reason ? `${t.reason(reason)}\n${t.chooseUrgency}` : t.chooseUrgency,
          choices: [
            makeChoice({ kind: 'file_escalation', key, urgency: 'normal', ...reasonPart }, t.normal),
            makeChoice({ kind: 'file_escalation', key, urgency: 'urgent', ...reasonPart }, t.urgent, 'danger'),
          ],
        },
      ];
    },

    async file(actor, key, urgency, note, checks, language, reason) {
      const t = catalogFor(language).escalations;
      const filed = await fileEscalation(deps, actor, {
        invoiceKey: key,
        urgency,
        note,
        checks,
        ...(reason ? { reason } : {}),
      });
      // The form shows this message against its note field; text surfaces also say how to give the reason.
      if (!filed.ok) return [{ kind: 'text', text: `${t.form.urgentNeedsNote} ${t.urgentHow}` }];
      const { escalation, outcome, raised } = filed.value;
      await deps.audit.record({
        at: now().toISOString(),
        user: actor.userId,
        action: outcome === 'filed' ? 'escalation_filed' : 'escalation_followed',
        invoice: formatId(keyToId(key)),
        detail: escalation.id,
      });
      const time = (iso: string) => formatLocal(iso, deps.lookup.zone);
      const progress = t.progress(escalation.status, escalation.assignee);
      const text =
        outcome === 'filed'
          ? t.filed(escalation.id, time(escalation.firstResponseDue))
          : outcome === 'followed'
            ? t.followed(escalation.id, progress)
            : t.repeated(
                escalation.id,
                progress,
                note.trim() !== '',
                raised ? time(escalation.resolutionDue) : undefined,
              );
      return [{ kind: 'text', text }];
    },

    async command(actor, args, language) {
      const mention = extractIds(args, now()).find((m) => m.id);
      if (!mention?.id) return [{ kind: 'text', text: catalogFor(language).escalations.usage }];
      const rest = args.replace(mention.raw, ' ').replace(/\s+/g, ' ').trim();
      const urgent = /^(urgent|紧急)\b/i.test(rest);
      const note = urgent ? rest.replace(/^(urgent|紧急)\s*/i, '') : rest;
      return flow.file(actor, invoiceKey(mention.id), urgent ? 'urgent' : 'normal', note, [], language);
    },

    async list(actor, args, language) {
      const t = catalogFor(language).escalations;
      const finance = isFinance(actor);
      const all = await deps.escalations.all();
      const mine = all.filter((e) => e.requester === actor.userId || e.followers.includes(actor.userId));
      const filter = FILTERS[args.trim()] ?? args.trim();
      const shown = (finance ? all : mine)
        .filter((e) => matches(e, filter))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      if (shown.length === 0) return [{ kind: 'text', text: t.none }];
      return [
        {
          kind: 'list',
          title: finance ? queueTitle(filter, language) : t.listMine,
          items: shown.slice(0, 20).map((e) => ({
            text: summary(e, language),
            ...(finance ? { choice: makeChoice({ kind: 'view_escalation', id: e.id }, t.view) } : {}),
          })),
        },
      ];
    },

    async act(actor, args, language) {
      const t = catalogFor(language).escalations;
      const [typedVerb = '', typedId = '', ...rest] = args.trim().split(/\s+/);
      const verb = VERBS[typedVerb] ?? typedVerb;
      if (!isFinance(actor)) return refuse(actor, language, verb);
      // Without an escalation id there is nothing to look up: show how the command goes, not "no escalation ".
      const id = typedId.toUpperCase();
      if (!/^ESC-\d{8}-\d{3,}$/.test(id)) return [{ kind: 'text', text: t.usage }];
      switch (verb) {
        case 'claim':
        case 'reopen':
          return run(actor, id, { kind: verb }, language);
        case 'waiting':
          return run(actor, id, { kind: 'waiting', question: rest.join(' ') }, language);
        case 'resolve': {
          const [word = '', ...note] = rest;
          const cause = parseCause(word);
          if (!cause) return [{ kind: 'text', text: causeUsage(language) }];
          return run(actor, id, { kind: 'resolve', cause, note: note.join(' ') }, language);
        }
        case 'assign': {
          const user = /([UW][A-Z0-9]{2,})/.exec(rest.join(' '))?.[1];
          return user ? run(actor, id, { kind: 'assign', to: user }, language) : [{ kind: 'text', text: t.usage }];
        }
        case 'duplicate': {
          const [of = '', ...reason] = rest;
          return of
            ? run(
                actor,
                id,
                { kind: 'duplicate', of: of.toUpperCase(), ...(reason.length ? { reason: reason.join(' ') } : {}) },
                language,
              )
            : [{ kind: 'text', text: t.usage }];
        }
        default:
          return [{ kind: 'text', text: t.usage }];
      }
    },

    async relay(actor, text, language) {
      const esc = await relayFromRequester(deps, actor.userId, text);
      return esc && [{ kind: 'text', text: catalogFor(language).escalations.relayedToFinance(esc.id) }];
    },

    apply: (actor, id, action, language) => run(actor, id, action, language),
    async check(actor, id, action) {
      if (!isFinance(actor)) return undefined;
      const refused = await refusalOf(deps, actor, id, action);
      return refused && { code: refused.code, text: failureText(refused, await deps.languageOf(actor.userId)) };
    },

    relayThread: (channel, threadTs, userId, text) => relayFromThread(deps, channel, threadTs, userId, text),

    suggestedCause: async (id) => (await deps.escalations.get(id))?.reason,

    async describe(actor, key, language) {
      const id = keyToId(key);
      const found = await lookUpInvoice(deps.lookup, { raw: formatId(id), id, problems: [] });
      const disclosure = disclosureOf(found.pair, { actor, place: 'private' });
      // Only the headline is shown, but it is rendered for this reader like every other diagnosis text.
      const text = catalogFor(language).diagnosis(
        found.diagnosis,
        formatters(deps.lookup.zone, disclosure),
        adviceOf(found, actor),
      );
      return `${formatId(id)}: ${text.headline}`;
    },

    async choose(actor, choice, language) {
      if (choice.kind === 'file_escalation')
        return flow.file(actor, choice.key, choice.urgency, '', [], language, choice.reason);
      if (!isFinance(actor))
        return refuse(actor, language, choice.kind === 'escalation_action' ? choice.action : choice.kind);
      const t = catalogFor(language).escalations;
      switch (choice.kind) {
        // *Details* on a masked post: the full card, to this lead alone (the adapter answers privately).
        case 'escalation_details': {
          const esc = await deps.escalations.get(choice.id);
          if (!esc) return [{ kind: 'text', text: t.notFound(choice.id) }];
          const id = keyToId(esc.invoiceKey);
          const found = await lookUpInvoice(deps.lookup, { raw: formatId(id), id, problems: [] });
          return lookupReplies(found, { actor, t: catalogFor(language), zone: deps.lookup.zone, place: 'private' });
        }
        case 'view_escalation': {
          const esc = await deps.escalations.get(choice.id);
          if (!esc) return [{ kind: 'text', text: t.notFound(choice.id) }];
          return [{ kind: 'choices', text: deps.render.post(esc).text, choices: escalationActions(esc, language) }];
        }
        // A cause was picked: resolving still needs the note for the requester, which only text can carry here.
        case 'resolve_cause':
          return [
            {
              kind: 'text',
              text: t.resolveNext(choice.id, RESOLUTION_CAUSES.indexOf(choice.cause) + 1, t.cause(choice.cause)),
            },
          ];
        case 'escalation_action': {
          const { id, action } = choice;
          // The suggested cause (a lost invoice's) comes first and is the primary choice.
          if (action === 'resolve') {
            const suggested = await flow.suggestedCause(id);
            const causes = suggested
              ? [suggested, ...RESOLUTION_CAUSES.filter((x) => x !== suggested)]
              : RESOLUTION_CAUSES;
            return [
              {
                kind: 'choices',
                text: causeUsage(language),
                choices: causes.map((cause) =>
                  makeChoice(
                    { kind: 'resolve_cause', id, cause },
                    t.cause(cause),
                    cause === suggested ? 'primary' : undefined,
                  ),
                ),
              },
            ];
          }
          if (action === 'claim' || action === 'reopen') return run(actor, id, { kind: action }, language);
          // Waiting needs the question, assigning a person, a duplicate its original: the text forms say how.
          if (action === 'waiting') return [{ kind: 'text', text: t.waitingUsage }];
          return [{ kind: 'text', text: t.usage }];
        }
      }
    },
  };
  return flow;
}
