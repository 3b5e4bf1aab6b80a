import { isDeepStrictEqual } from 'node:util';
import { type Actor, isFinance } from '../domain/actor.js';
import { type EntryAnswers, evaluateStep, type StepId, type StepOutcome, stepOf } from '../domain/checklist.js';
import type { ChecklistConfig } from '../domain/checklist-config.js';
import { type ChecklistSession, endSession, isIdle } from '../domain/checklist-session.js';
import type { Disclosure, Place } from '../domain/disclosure.js';
import type { Urgency } from '../domain/escalation.js';
import { formatId, type InvoiceId, invoiceKey, keyToId } from '../domain/identifier.js';
import { formatMoney, parseYuan } from '../domain/money.js';
import type { DiagnosisText } from '../i18n/catalog.js';
import { catalogFor } from '../i18n/catalog-for.js';
import { formatters } from '../i18n/formatters.js';
import type { Language } from '../i18n/language.js';
import { localDay, parseLocalTime } from '../lib/time.js';
import type { AuditLog, ChecklistStore, QuestionLog, WatchStore } from '../ports.js';
import { type Lookup, type LookupDeps, lookUpInvoice } from '../services/look-up-invoice.js';
import { type ChecklistAction, makeChoice, type WalkChoice } from './choices.js';
import { feedbackPrompt } from './feedback.js';
import { adviceOf, deductionText, disclosureOf } from './lookup-replies.js';
import { lostReplies } from './lost-replies.js';
import { policyNotes } from './policy-notes.js';
import type { Choice, Reply } from './reply.js';

/** What the walk-through needs. `newId` makes short references people can quote (CHK-…). */
export type ChecklistDeps = {
  audit: AuditLog;
  /** Hands the walk-through to the escalation form, with every check's result. */
  escalate: (
    actor: Actor,
    invoiceKey: string,
    checks: string[],
    language: Language,
    urgency?: Urgency,
    note?: string,
  ) => Promise<Reply[]>;
  lookup: LookupDeps;
  sessions: ChecklistStore;
  watches: WatchStore;
  config: ChecklistConfig;
  newId: () => string;
  /** Where each walk-through's end is recorded for finance's figures, and "Did this solve it?" is asked once. */
  questions: QuestionLog;
};

/** The guided troubleshooting walk-through: one step at a time, persisted, resumable. */
export type ChecklistFlow = {
  /**
   * Starts (or resumes) a walk-through; `searched` is what the invoice's QR code says, when the user sent one.
   * `place`: where the answer is read (an @mention's thread is shared, so record values are masked there).
   */
  start(actor: Actor, id: InvoiceId, language: Language, searched?: EntryAnswers, place?: Place): Promise<Reply[]>;
  choose(actor: Actor, choice: WalkChoice, language: Language): Promise<Reply[]>;
  /** The invoice and every check's result of an open walk-through, for the escalation form (Slack). */
  draft(
    actor: Actor,
    sessionId: string,
    language: Language,
  ): Promise<{ invoiceKey: string; checks: string[] } | undefined>;
  /** Escalates an open walk-through with the urgency and note from the escalation form. */
  escalate(actor: Actor, sessionId: string, urgency: Urgency, note: string, language: Language): Promise<Reply[]>;
  /** A typed answer for a walk-through that asked a question; undefined when none is waiting. */
  answer(actor: Actor, text: string, language: Language, place?: Place): Promise<Reply[] | undefined>;
};

/** Creates the walk-through flow over its stores. */
export function createChecklistFlow(deps: ChecklistDeps): ChecklistFlow {
  const steps = deps.config.steps;
  const now = () => deps.lookup.clock.now();

  function lookup(session: ChecklistSession): Promise<Lookup> {
    const id = keyToId(session.invoiceKey);
    return lookUpInvoice(deps.lookup, { raw: formatId(id), id, problems: [] });
  }

  function recordFacts(l: Lookup): { day: string; total: number; amount: number } | undefined {
    const facts = l.pair.ledger ?? l.pair.tax;
    return (
      facts && { day: localDay(new Date(facts.issuedAt), deps.lookup.zone), total: facts.total, amount: facts.amount }
    );
  }

  // Which return the invoice belongs to and how long is left: the reason the walk-through matters this week. For a
  // received invoice, where it stands for deduction and what this reader does about it (amounts masked as on a card).
  function filingLine(l: Lookup, language: Language, viewer: { actor: Actor; place: Place }): string[] {
    const t = catalogFor(language);
    const f = formatters(deps.lookup.zone, disclosureOf(l.pair, viewer));
    return [
      ...(l.filing ? [`🗓 ${t.filing.sentence(l.filing)}`] : []),
      ...(l.deduction ? [`🧾 ${deductionText(l, { actor: viewer.actor, t }, f)}`] : []),
    ];
  }

  function choice(session: ChecklistSession, action: ChecklistAction, label: string, style?: Choice['style']): Choice {
    return makeChoice({ kind: 'checklist', sessionId: session.id, position: session.position, action }, label, style);
  }

  // Shows ruled-out steps as done and stops at the first step that is a likely cause or needs input. The first
  // screen (it has a lead line) also offers "I have lost it", which leaves the walk-through for the lost remedy.
  // `viewer` decides what the masking rule lets the reader see. `base` is the walk-through as read from the store
  // (none for a new one): the step is saved only if nobody changed it since, so a double click or a second device
  // acts once. `known`: the invoice's lookup when the caller already made it.
  async function walk(
    session: ChecklistSession,
    language: Language,
    lead: string[],
    viewer: { actor: Actor; place: Place },
    base?: ChecklistSession,
    known?: Lookup,
  ): Promise<Reply[]> {
    const t = catalogFor(language).checklist;
    const l = known ?? (await lookup(session));
    const lostChoice = (s: ChecklistSession): Choice[] => (lead.length > 0 ? [choice(s, 'lost', t.lost)] : []);
    const disclosure = disclosureOf(l.pair, viewer);
    const diagnosis = catalogFor(language).diagnosis(
      l.diagnosis,
      formatters(deps.lookup.zone, disclosure),
      adviceOf(l, viewer.actor),
    );
    const lines = [...lead];
    let s = session;
    while (s.position < s.order.length) {
      const stepId = s.order[s.position] as StepId;
      const outcome = evaluateStep(stepId, l.diagnosis, s.answers, recordFacts(l));
      const outcomes = [...s.outcomes.filter((o) => o.step !== stepId), outcome];
      const header = t.stepHeader(s.position + 1, s.order.length, titleOf(stepId, language));
      if (outcome.result === 'ruled_out') {
        lines.push(`${header} — ${t.ruledOut}: ${ruledOutReason(stepId, s.answers, l, language)}`);
        s = { ...s, outcomes, position: s.position + 1 };
        continue;
      }
      const body = [header, t.checked(checksOf(stepId, language))];
      let choices: Choice[];
      if (outcome.result === 'ask') {
        body.push(t.ask, t.askDay);
        s = { ...s, outcomes, awaiting: 'day' };
        choices = [choice(s, 'skip', t.skip), choice(s, 'escalate', t.escalate), ...lostChoice(s)];
      } else {
        body.push(t.likely, ...evidence(outcome, l, s.answers, language, diagnosis, disclosure));
        s = { ...s, outcomes };
        choices = [
          choice(s, 'solved', t.solved, 'primary'),
          choice(s, 'next', t.next),
          choice(s, 'escalate', t.escalate),
        ];
        if (stepId === 'sync' && !l.pair.tax) choices.push(choice(s, 'watch', t.watch));
        choices.push(...changeChoice(s, language), ...lostChoice(s));
      }
      lines.push(body.join('\n'));
      if (!(await save(s, lines, base))) return [{ kind: 'text', text: t.alreadyDone }];
      return [{ kind: 'choices', text: lines.join('\n\n'), choices }];
    }
    lines.push(summary(s, l, language, diagnosis, disclosure, isFinance(viewer.actor)));
    if (!(await save(s, lines, base))) return [{ kind: 'text', text: t.alreadyDone }];
    // The walk-through's end asks once whether it solved it, about the step it found likely (privately only).
    const found = s.outcomes.find((o) => o.result === 'likely')?.step;
    const feedback =
      viewer.place === 'private'
        ? await feedbackPrompt(
            { questions: deps.questions, lookup: deps.lookup },
            viewer.actor,
            s.invoiceKey,
            catalogFor(language),
            found,
          )
        : [];
    return [
      {
        kind: 'choices',
        text: lines.join('\n\n'),
        choices: [
          choice(s, 'solved', t.solved, 'primary'),
          choice(s, 'escalate', t.escalate),
          ...changeChoice(s, language),
          ...lostChoice(s),
        ],
      },
      ...feedback,
    ];
  }

  // Whoever answered how they search can change that answer, from any later screen of the walk-through.
  function changeChoice(s: ChecklistSession, language: Language): Choice[] {
    return s.answers.day !== undefined ? [choice(s, 'change', catalogFor(language).checklist.change)] : [];
  }

  // The end of a walk-through repeats the likely cause an earlier step found, so it never says "nothing explains it".
  // When nothing did, a finance lead reads finance's next step rather than "escalate and finance will look into it".
  function summary(
    s: ChecklistSession,
    l: Lookup,
    language: Language,
    diagnosis: DiagnosisText,
    disclosure: Disclosure,
    finance: boolean,
  ): string {
    const t = catalogFor(language).checklist;
    const index = s.order.findIndex((step) => s.outcomes.some((o) => o.step === step && o.result === 'likely'));
    const outcome = s.outcomes.find((o) => o.step === s.order[index]);
    if (index < 0 || !outcome) return finance ? t.allClearFinance(diagnosis.next) : t.allClear;
    const cause = outcome.mismatch
      ? evidence(outcome, l, s.answers, language, diagnosis, disclosure).join(' ')
      : diagnosis.headline;
    return t.foundEarlier(index + 1, titleOf(outcome.step, language), cause);
  }

  // A ruled-out step states only what the records show: "ledger and tax data agree" needs both, agreeing.
  function ruledOutReason(step: StepId, answers: EntryAnswers, l: Lookup, language: Language): string {
    const t = catalogFor(language).checklist;
    if (step === 'entry') {
      if (answers.day !== undefined) return (answers.qr ? t.qr : t).searchMatches;
      const agree = l.pair.ledger && l.pair.tax && stepOf(l.diagnosis) !== 'buyer';
      return agree ? t.ruledOutReason('entry') : t.idMatches;
    }
    if (step === 'issue' && !l.pair.ledger) return t.issuedPerTax;
    return t.ruledOutReason(step);
  }

  // A likely step shows the diagnosis; the entry step instead says which of the user's search values match the
  // record, naming the record's own values only to someone the masking rule lets see them.
  function evidence(
    outcome: StepOutcome,
    l: Lookup,
    answers: EntryAnswers,
    language: Language,
    diagnosis: DiagnosisText,
    disclosure: Disclosure,
  ): string[] {
    const t = catalogFor(language).checklist;
    const facts = recordFacts(l);
    if (!outcome.mismatch || !facts)
      return [diagnosis.headline, ...diagnosis.evidence.map((e) => `• ${e}`), diagnosis.next];
    // Each value the user searched with (typed, or read from a QR code) matches the record or not; the record's own
    // value is named only to a reader the masking rule lets see it.
    const shown = (fen: number | undefined) => formatMoney(fen ?? 0);
    // Values read from a QR code are what the QR code says, not what the user says they search with.
    const says = answers.qr ? t.qr : t;
    const lines: string[] = [];
    if (answers.day !== undefined)
      lines.push(
        outcome.mismatch.includes('day')
          ? says.dayDiffers(answers.day, disclosure.reveal ? facts.day : undefined)
          : says.dayMatches(answers.day),
      );
    if (answers.total !== undefined)
      lines.push(
        outcome.mismatch.includes('total')
          ? says.totalDiffers(shown(answers.total), disclosure.reveal ? disclosure.amount(facts.total) : undefined)
          : says.totalMatches(shown(answers.total)),
      );
    if (answers.amount !== undefined)
      lines.push(
        outcome.mismatch.includes('amount')
          ? t.amountDiffers(shown(answers.amount), disclosure.reveal ? disclosure.amount(facts.amount) : undefined)
          : t.amountMatches(shown(answers.amount)),
      );
    return lines;
  }

  async function save(session: ChecklistSession, lines: string[], base?: ChecklistSession): Promise<boolean> {
    return store(
      { ...session, transcript: [...session.transcript, ...lines].slice(-60), updatedAt: now().toISOString() },
      base,
    );
  }

  // Compare-and-set: stores `next` only if the walk-through is still what `base` read (stored items are never
  // mutated, so in memory identity is its version; a database hands back equal copies). False when another request
  // changed it first, or, for a new walk-through, when another request (a double click reaching the other replica)
  // started one for the same user and invoice first.
  async function store(next: ChecklistSession, base?: ChecklistSession): Promise<boolean> {
    if (!base) return (await deps.sessions.begin(next)).started;
    let stored = false;
    await deps.sessions.update(base.id, (current) => {
      stored = current === base || isDeepStrictEqual(current, base);
      return stored ? next : undefined;
    });
    return stored;
  }

  function titleOf(step: StepId, language: Language): string {
    return steps.find((s) => s.id === step)?.title[language] ?? step;
  }

  function checksOf(step: StepId, language: Language): string {
    return steps.find((s) => s.id === step)?.checks[language] ?? step;
  }

  async function audit(ended: ChecklistSession): Promise<void> {
    const action =
      ended.status === 'solved'
        ? 'checklist_solved'
        : ended.status === 'escalated'
          ? 'checklist_escalated'
          : 'checklist_abandoned';
    const detail = `${ended.id} at ${ended.endedAtStep ?? 'end'}${ended.endReason ? ` (${ended.endReason})` : ''}`;
    await deps.audit.record({
      at: now().toISOString(),
      user: ended.userId,
      action,
      invoice: formatId(keyToId(ended.invoiceKey)),
      detail,
    });
    const findings = ended.outcomes.filter((o) => o.result === 'likely').map((o) => o.step);
    // Ended on its summary screen: it was solved (or not) at the step it found likely.
    const step = ended.endedAtStep ?? findings[0];
    await deps.questions.record({
      type: 'walkthrough',
      at: now().toISOString(),
      user: ended.userId,
      invoice: ended.invoiceKey,
      outcome: ended.status === 'solved' ? 'solved' : ended.status === 'escalated' ? 'escalated' : 'abandoned',
      ...(step ? { step } : {}),
      findings,
    });
  }

  function restart(key: string, language: Language): Choice {
    return makeChoice({ kind: 'troubleshoot', key }, catalogFor(language).checklist.restart);
  }

  // A walk-through left alone too long is closed as abandoned; its outcome still counts in the reports.
  async function expireIfIdle(session: ChecklistSession): Promise<ChecklistSession> {
    if (session.status !== 'active' || !isIdle(session, now(), deps.config.expireAfterHours)) return session;
    const ended = endSession(session, 'abandoned', now(), 'expired');
    if (!(await store(ended, session))) return (await deps.sessions.get(session.id)) ?? session;
    await audit(ended);
    return ended;
  }

  function checksOfSession(session: ChecklistSession, language: Language): string[] {
    const t = catalogFor(language).checklist;
    const result = (o: StepOutcome) =>
      o.result === 'likely' ? t.likely : o.result === 'ruled_out' ? t.ruledOut : t.ask;
    return [session.id, ...session.outcomes.map((o) => `${titleOf(o.step, language)}: ${result(o)}`)];
  }

  async function finish(
    session: ChecklistSession,
    action: 'solved' | 'escalate',
    language: Language,
    urgency: Urgency = 'normal',
    note = '',
  ): Promise<Reply[]> {
    const t = catalogFor(language).checklist;
    const ended = endSession(session, action === 'solved' ? 'solved' : 'escalated', now());
    if (!(await store(ended, session))) return [{ kind: 'text', text: t.alreadyDone }];
    await audit(ended);
    if (action === 'solved') return [{ kind: 'text', text: t.solvedReply }];
    const actor = { userId: session.userId, role: 'employee' as const };
    return deps.escalate(actor, session.invoiceKey, checksOfSession(session, language), language, urgency, note);
  }

  return {
    async draft(actor, sessionId, language) {
      const session = await deps.sessions.get(sessionId);
      if (!session || session.userId !== actor.userId || session.status !== 'active') return undefined;
      return { invoiceKey: session.invoiceKey, checks: checksOfSession(session, language) };
    },

    async escalate(actor, sessionId, urgency, note, language) {
      const session = await deps.sessions.get(sessionId);
      if (!session || session.userId !== actor.userId)
        return [{ kind: 'text', text: catalogFor(language).checklist.missing }];
      if (session.status !== 'active')
        return [{ kind: 'text', text: catalogFor(language).checklist.ended(session.status) }];
      return finish(session, 'escalate', language, urgency, note);
    },

    async start(actor, id, language, searched = {}, place = 'private') {
      const key = invoiceKey(id);
      const t = catalogFor(language).checklist;
      const existing = await deps.sessions.active(actor.userId, key);
      const current = existing && (await expireIfIdle(existing));
      // A QR code sent now is what the user searches with now: it replaces earlier answers (all of them, so a typed
      // total is never reported as the QR code's).
      if (current?.status === 'active') {
        const answers = searched.day !== undefined ? searched : current.answers;
        const l = await lookup(current);
        return walk(
          { ...current, answers },
          language,
          [
            t.resumed(formatId(id)),
            ...filingLine(l, language, { actor, place }),
            ...policyNotes(l, catalogFor(language), deps.lookup.zone),
          ],
          { actor, place },
          current,
          l,
        );
      }
      const at = now().toISOString();
      const session: ChecklistSession = {
        id: deps.newId(),
        userId: actor.userId,
        invoiceKey: key,
        language,
        order: steps.map((s) => s.id),
        position: 0,
        answers: searched,
        outcomes: [],
        transcript: [],
        status: 'active',
        startedAt: at,
        updatedAt: at,
      };
      // Policy changes that bear on the invoice are context for the whole walk-through: its first screen shows them.
      const l = await lookup(session);
      const notes = policyNotes(l, catalogFor(language), deps.lookup.zone);
      return walk(
        session,
        language,
        [t.intro(formatId(id)), ...filingLine(l, language, { actor, place }), ...notes],
        { actor, place },
        undefined,
        l,
      );
    },

    async choose(actor, { sessionId, position, action }, language) {
      const t = catalogFor(language).checklist;
      const found = await deps.sessions.get(sessionId);
      if (!found || found.userId !== actor.userId) return [{ kind: 'text', text: t.missing }];
      const session = await expireIfIdle(found);
      if (session.endReason === 'expired')
        return [
          {
            kind: 'choices',
            text: t.expired(deps.config.expireAfterHours),
            choices: [restart(session.invoiceKey, language)],
          },
        ];
      if (session.status !== 'active')
        return [{ kind: 'choices', text: t.ended(session.status), choices: [restart(session.invoiceKey, language)] }];
      // A button from an earlier step (a double click, or an old message) must not act twice.
      if (position !== session.position) return [{ kind: 'text', text: t.alreadyDone }];
      if (action === 'solved' || action === 'escalate') return finish(session, action, language);
      if (action === 'lost') {
        // Visibility checks do not help with a lost invoice: close the walk-through and give the remedy instead.
        const ended = endSession(session, 'abandoned', now(), 'lost');
        if (!(await store(ended, session))) return [{ kind: 'text', text: t.alreadyDone }];
        await audit(ended);
        return lostReplies(deps.lookup, keyToId(session.invoiceKey), {
          actor,
          t: catalogFor(language),
          place: 'private',
        });
      }
      if (action === 'change') {
        // Back to the entry step, which asks again; later steps are evaluated afresh after the new answer.
        const entry = session.order.indexOf('entry');
        const changed: ChecklistSession = {
          ...session,
          position: entry,
          answers: {},
          awaiting: 'day',
          outcomes: session.outcomes.filter((o) => session.order.indexOf(o.step) < entry),
        };
        if (entry < 0 || !(await save(changed, [t.askDay], session))) return [{ kind: 'text', text: t.alreadyDone }];
        return [
          {
            kind: 'choices',
            text: t.askDay,
            choices: [choice(changed, 'skip', t.skip), choice(changed, 'escalate', t.escalate)],
          },
        ];
      }
      if (action === 'watch') {
        const added = await deps.watches.add({
          userId: actor.userId,
          invoiceKey: session.invoiceKey,
          createdAt: now().toISOString(),
        });
        const id = formatId(keyToId(session.invoiceKey));
        return [{ kind: 'text', text: added ? t.watchReply(id) : t.watchExists(id) }];
      }
      const { awaiting: _awaiting, ...rest } = session;
      return walk({ ...rest, position: session.position + 1 }, language, [], { actor, place: 'private' }, session);
    },

    async answer(actor, text, language, place = 'private') {
      const waiting = await deps.sessions.awaiting(actor.userId);
      if (!waiting) return undefined;
      const session = await expireIfIdle(waiting);
      const t = catalogFor(language).checklist;
      if (session.status !== 'active')
        return [
          {
            kind: 'choices',
            text: t.expired(deps.config.expireAfterHours),
            choices: [restart(session.invoiceKey, language)],
          },
        ];
      if (session.awaiting === 'day') {
        const date = parseLocalTime(text.trim(), deps.lookup.zone);
        if (!date) return [{ kind: 'text', text: t.badDay(text.trim()) }];
        const next = {
          ...session,
          awaiting: 'total' as const,
          answers: { ...session.answers, day: localDay(date, deps.lookup.zone) },
          updatedAt: now().toISOString(),
        };
        if (!(await store(next, session))) return [{ kind: 'text', text: t.alreadyDone }];
        return [{ kind: 'text', text: t.askTotal }];
      }
      const total = parseYuan(text.trim().replace(/[¥￥元]/g, ''));
      if (total === undefined) return [{ kind: 'text', text: t.badTotal(text.trim()) }];
      const { awaiting: _awaiting, ...rest } = session;
      return walk({ ...rest, answers: { ...session.answers, total } }, language, [], { actor, place }, session);
    },
  };
}
