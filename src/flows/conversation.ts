import type { Actor } from '../domain/actor.js';
import type { EntryAnswers } from '../domain/checklist.js';
import { companyNameIn } from '../domain/company-name.js';
import { extractIds } from '../domain/extract-ids.js';
import { formatId, type InvoiceId, invoiceKey, keyToId } from '../domain/identifier.js';
import { nonIdNumbers } from '../domain/non-id-numbers.js';
import type { QrFacts } from '../domain/qr-payload.js';
import type { Catalog } from '../i18n/catalog.js';
import { catalogFor } from '../i18n/catalog-for.js';
import { LANGUAGES, type Language } from '../i18n/language.js';
import { neutraliseMentions } from '../lib/mrkdwn.js';
import { hasChinese } from '../lib/normalize-text.js';
import { started } from '../lib/started.js';
import type { AuditLog, ConversationMemory, PrefsStore, QuestionLog, WatchStore } from '../ports.js';
import { type Lookup, type LookupDeps, lookUpInvoice } from '../services/look-up-invoice.js';
import type { ChecklistFlow } from './checklist-flow.js';
import { parseChoice } from './choices.js';
import { deadlinesReplies } from './deadlines-replies.js';
import type { EscalationFlow } from './escalation-flow.js';
import { answerFeedback, feedbackPrompt, recordAsked } from './feedback.js';
import { findReplies } from './find-replies.js';
import { helpReplies } from './help-replies.js';
import { lookupReplies } from './lookup-replies.js';
import { isLostQuestion } from './lost-question.js';
import { lostReplies } from './lost-replies.js';
import type { NoticeFlow } from './notice-flow.js';
import { type Command, isCommandLike, parseCommand } from './parse-command.js';
import { type FlowInput, placeOf, type Reply, type Surface } from './reply.js';
import { type StatsFlowDeps, statsReplies } from './stats-replies.js';

/** The single entry point every runtime (Slack, console) talks to. */
export interface Conversation {
  receive(actor: Actor, input: FlowInput, surface: Surface): Promise<Reply[]>;
}

/** What the conversation needs. */
export type ConversationDeps = {
  lookup: LookupDeps;
  prefs: PrefsStore;
  checklist: ChecklistFlow;
  notices: NoticeFlow;
  escalations: EscalationFlow;
  sync: (actor: Actor, args: string, language: Language) => Promise<Reply[]>;
  watches: WatchStore;
  audit: AuditLog;
  /** What the conversation remembers between messages; shared by replicas. */
  memory: ConversationMemory;
  /** Questions and their outcomes, for finance's figures. */
  questions: QuestionLog;
  /** The figures' sources, for `/invoice stats`. */
  stats: StatsFlowDeps;
  defaultLanguage: Language;
};

const MAX_IDS_PER_MESSAGE = 5;
// "I still can't see it" right after a lookup starts the walk-through for that invoice.
const STILL_MISSING =
  /still\s+(can'?t|cannot|not|don'?t)\s*(see|find)|still\s+(missing|not\s+there)|(还是|仍然|依然|还)(看|查|找)不到/i;

// A 数电 QR code carries the total with tax; a legacy one the amount before tax.
function searchedWith(qr: QrFacts): EntryAnswers {
  return qr.taxIncluded ? { day: qr.day, total: qr.amount, qr: true } : { day: qr.day, amount: qr.amount, qr: true };
}

/** Messages longer than this are read only up to here, and the reply says so. */
export const MAX_MESSAGE = 4000;

// How long the conversation remembers: the language someone writes in changes rarely; a follow-up about an invoice
// ("still can't see it", the answer to "which invoice?") comes within the day or not at all.
const LANGUAGE_TTL = 30 * 86_400_000;
const FOLLOW_UP_TTL = 86_400_000;

/**
 * The last lookups answered, held only to keep their objects' shapes alive. V8 throws away optimised code when a
 * shape (map) it was built for dies, and a full collection that finds no lookup in flight lets every shape of a
 * lookup, its records and its diagnosis die: the whole reply path was then recompiled from the interpreter up, about
 * 150 ms of CPU each time (docs/benchmarks.md, slash15). One lookup's objects are a few kilobytes.
 */
const lastLookups: { latest?: readonly Lookup[] } = {};

// Pushes one by one: no spread copy of the arguments.
function append(into: Reply[], from: readonly Reply[]): void {
  for (let i = 0; i < from.length; i++) into.push(from[i] as Reply);
}

/** Creates the conversation: commands, free-text lookups and button choices in, replies out. */
export function createConversation(deps: ConversationDeps): Conversation {
  const { memory } = deps;
  const feedback = { questions: deps.questions, lookup: deps.lookup };
  // Button clicks carry no text, so remember the language each user last wrote in.
  const lastLanguage = (userId: string) => `lang:${userId}`;
  // What each user last looked up (its storage key), and who was asked "which invoice?", for follow-ups without an id.
  const lastLookup = (userId: string) => `lookup:${userId}`;
  const askedWhich = (userId: string) => `which:${userId}`;
  // The amount and day of the QR code a user last sent, so the walk-through compares them with the record.
  const qrSearch = (userId: string) => `qr:${userId}`;
  const rememberLookup = (actor: Actor, id: InvoiceId) =>
    memory.set(lastLookup(actor.userId), invoiceKey(id), FOLLOW_UP_TTL);

  async function qrAnswers(actor: Actor, key: string): Promise<EntryAnswers | undefined> {
    const stored = await memory.get(qrSearch(actor.userId));
    const searched = stored === undefined ? undefined : (JSON.parse(stored) as { key: string; answers: EntryAnswers });
    return searched?.key === key ? searched.answers : undefined;
  }

  async function languageFor(actor: Actor, text: string): Promise<Language> {
    // Both reads go out at once (on a database, one wait rather than two).
    const storing = started(memory.get(lastLanguage(actor.userId)));
    const chosen = await deps.prefs.language(actor.userId);
    const stored = await storing;
    const remembered = LANGUAGES.find((l) => l === stored);
    // A message of digits alone says nothing about its writer's language; words do.
    const written = hasChinese(text) ? 'zh' : /[a-z]{3,}/i.test(text) ? 'en' : undefined;
    const language = chosen ?? written ?? remembered ?? deps.defaultLanguage;
    // Written only when it changes: most messages cost no write.
    if (language !== remembered) await memory.set(lastLanguage(actor.userId), language, LANGUAGE_TTL);
    return language;
  }

  // Every answer about a real invoice is a question for finance's figures, and asks once whether it solved it —
  // privately only: in a shared thread anyone could answer for the asker.
  async function asked(actor: Actor, found: Lookup, surface: Surface, t: Catalog): Promise<Reply[]> {
    if (!found.id) return [];
    const key = invoiceKey(found.id);
    // Independent, so side by side: the prompt asks whether this person already answered, which the event just
    // recorded is not.
    const recording = started(recordAsked(feedback, actor, key, found.diagnosis.cause));
    const prompt = placeOf(surface) === 'private' ? await feedbackPrompt(feedback, actor, key, t) : [];
    await recording;
    return prompt;
  }

  async function lookupText(actor: Actor, text: string, surface: Surface, language: Language): Promise<Reply[]> {
    const t = catalogFor(language);
    const now = deps.lookup.clock.now();
    const found = extractIds(text, now);
    const mentions = found.slice(0, MAX_IDS_PER_MESSAGE);
    if (mentions.length === 0) {
      // Dates, amounts and mobile numbers are said to be what they are, not answered with "no invoice id".
      const numbers = nonIdNumbers(text);
      if (numbers.length > 0) return [{ kind: 'text', text: t.notIds(numbers) }];
      // Only a company name: they remember the seller or buyer, not the invoice, so point them to `find`.
      const company = companyNameIn(text);
      if (company) return [{ kind: 'text', text: t.companyHint(neutraliseMentions(company)) }];
      return [{ kind: 'text', text: surface === 'command' ? t.whereUsage : t.noIdInMessage }];
    }
    const last = mentions.findLast((m) => m.id)?.id;
    for (const m of mentions) {
      if (m.id && m.qr)
        await memory.set(
          qrSearch(actor.userId),
          JSON.stringify({ key: invoiceKey(m.id), answers: searchedWith(m.qr) }),
          FOLLOW_UP_TTL,
        );
      await deps.audit.record({ at: now.toISOString(), user: actor.userId, action: 'lookup', invoice: m.raw });
    }
    const view = { actor, t, zone: deps.lookup.zone, place: placeOf(surface) };
    // One mention (nearly every question) is looked up without a list of promises to gather.
    const only = mentions.length === 1 ? mentions[0] : undefined;
    const single = only && lookUpInvoice(deps.lookup, only);
    const several = single ? undefined : Promise.all(mentions.map((m) => lookUpInvoice(deps.lookup, m)));
    // Remembered while the lookups run: a follow-up needs it only after this answer.
    const remembering = last ? started(rememberLookup(actor, last)) : undefined;
    const lookups = single ? [await single] : await (several as Promise<Lookup[]>);
    if (remembering) await remembering;
    const replies: Reply[] = [];
    for (const found of lookups) {
      append(replies, lookupReplies(found, view));
      append(replies, await asked(actor, found, surface, t));
    }
    lastLookups.latest = lookups;
    const left = found.slice(MAX_IDS_PER_MESSAGE);
    if (left.length > 0)
      replies.push({
        kind: 'text',
        text: t.idsLeftOut(
          left.length,
          MAX_IDS_PER_MESSAGE,
          left.map((m) => m.raw),
        ),
      });
    return replies;
  }

  async function check(actor: Actor, text: string, surface: Surface, language: Language): Promise<Reply[]> {
    const mention = extractIds(text, deps.lookup.clock.now()).find((m) => m.id);
    if (mention?.id) {
      await memory.delete(askedWhich(actor.userId));
      const searched = mention.qr && searchedWith(mention.qr);
      return deps.checklist.start(actor, mention.id, language, searched, placeOf(surface));
    }
    const answered = text.trim() ? await deps.checklist.answer(actor, text, language, placeOf(surface)) : undefined;
    if (answered) return answered;
    await memory.set(askedWhich(actor.userId), '1', FOLLOW_UP_TTL);
    return [{ kind: 'text', text: catalogFor(language).checklist.whichInvoice }];
  }

  // `/invoice watch <id>`: be told when the invoice appears in the tax data (the next sync that brings it says so).
  async function watch(actor: Actor, text: string, language: Language): Promise<Reply[]> {
    const t = catalogFor(language);
    const id = extractIds(text, deps.lookup.clock.now()).find((m) => m.id && m.problems.length === 0)?.id;
    if (!id) return [{ kind: 'text', text: t.watchUsage }];
    const { tax } = await deps.lookup.store.get(id);
    if (tax) return [{ kind: 'text', text: t.sync.watchAppeared(formatId(id), tax.statusLabel) }];
    const added = await deps.watches.add({
      userId: actor.userId,
      invoiceKey: invoiceKey(id),
      createdAt: deps.lookup.clock.now().toISOString(),
    });
    return [
      { kind: 'text', text: added ? t.checklist.watchReply(formatId(id)) : t.checklist.watchExists(formatId(id)) },
    ];
  }

  // "I lost my invoice", with or without an id: the remedy for its kind and direction.
  async function lost(actor: Actor, text: string, surface: Surface, language: Language): Promise<Reply[]> {
    const now = deps.lookup.clock.now();
    const id = extractIds(text, now).find((m) => m.id && m.problems.length === 0)?.id;
    if (id) await rememberLookup(actor, id);
    await deps.audit.record({
      at: now.toISOString(),
      user: actor.userId,
      action: 'lookup',
      ...(id ? { invoice: formatId(id) } : {}),
      detail: 'lost',
    });
    return lostReplies(deps.lookup, id, { actor, t: catalogFor(language), place: placeOf(surface) });
  }

  async function command(actor: Actor, cmd: Command, surface: Surface, language: Language): Promise<Reply[]> {
    const t = catalogFor(language);
    switch (cmd.name) {
      case 'help':
        return helpReplies(actor.role, cmd.topic, t);
      case 'where':
        // `return await`, here and on the rest of a lookup's way up: an async function that returns another's promise
        // settles two microtask turns later than one that awaits it, each turn a job and a promise per command.
        return await lookupText(actor, cmd.text, surface, language);
      case 'find':
        return findReplies(deps.lookup.store, actor, cmd.text, t, deps.lookup.zone, placeOf(surface));
      case 'check':
        return check(actor, cmd.text, surface, language);
      case 'notice':
        return deps.notices.command(actor, cmd.text, t);
      case 'notices':
        return deps.notices.list(t);
      case 'deadlines':
        return deadlinesReplies(deps.lookup, actor, t);
      case 'sync':
        return deps.sync(actor, cmd.text, language);
      case 'escalate':
        return deps.escalations.command(actor, cmd.text, language);
      case 'escalations':
        return deps.escalations.list(actor, cmd.text, language);
      case 'escalation':
        return deps.escalations.act(actor, cmd.text, language);
      case 'lang': {
        if (!cmd.language) return [{ kind: 'text', text: t.languageUsage }];
        await deps.prefs.setLanguage(actor.userId, cmd.language);
        await memory.set(lastLanguage(actor.userId), cmd.language, LANGUAGE_TTL);
        return [{ kind: 'text', text: catalogFor(cmd.language).languageSet }];
      }
      case 'watch':
        return watch(actor, cmd.text, language);
      case 'stats':
        return statsReplies(deps.stats, actor, cmd.text, t);
      case 'lost':
        return lost(actor, cmd.text, surface, language);
      case 'unknown':
        return [{ kind: 'text', text: t.unknownCommand(cmd.word) }, ...helpReplies(actor.role, undefined, t)];
    }
  }

  async function lookupKey(actor: Actor, key: string, surface: Surface, language: Language): Promise<Reply[]> {
    const t = catalogFor(language);
    const id = keyToId(key);
    await rememberLookup(actor, id);
    await deps.audit.record({
      at: deps.lookup.clock.now().toISOString(),
      user: actor.userId,
      action: 'lookup',
      invoice: formatId(id),
    });
    const found = await lookUpInvoice(deps.lookup, { raw: formatId(id), id, problems: [] });
    return [
      ...lookupReplies(found, { actor, t, zone: deps.lookup.zone, place: placeOf(surface) }),
      ...(await asked(actor, found, surface, t)),
    ];
  }

  async function choice(actor: Actor, choiceId: string, surface: Surface, language: Language): Promise<Reply[]> {
    const picked = parseChoice(choiceId);
    // A value this version never built (forged, or garbled on the way) gets the help text, never a guess.
    if (!picked) return [{ kind: 'text', text: catalogFor(language).help }];
    switch (picked.kind) {
      case 'lookup':
        return lookupKey(actor, picked.key, surface, language);
      case 'troubleshoot':
        return deps.checklist.start(
          actor,
          keyToId(picked.key),
          language,
          await qrAnswers(actor, picked.key),
          placeOf(surface),
        );
      case 'escalate':
        return deps.escalations.start(picked.key, language);
      case 'escalate_lost':
        return deps.escalations.start(picked.key, language, 'lost');
      case 'checklist':
        return deps.checklist.choose(actor, picked, language);
      case 'notice':
        return deps.notices.choose(actor, picked, catalogFor(language));
      case 'feedback':
        return answerFeedback(feedback, actor, picked, catalogFor(language));
      default:
        return deps.escalations.choose(actor, picked, language);
    }
  }

  async function text(actor: Actor, message: string, surface: Surface, language: Language): Promise<Reply[]> {
    if (surface === 'command' || isCommandLike(message)) {
      const cmd = parseCommand(message);
      // `/invoice 发票丢了`, `/invoice I lost invoice 2611…`: a sentence, not a sub-command.
      if ((cmd.name === 'unknown' || cmd.name === 'where') && isLostQuestion(message))
        return lost(actor, message, surface, language);
      return await command(actor, cmd, surface, language);
    }
    const hasId = extractIds(message, deps.lookup.clock.now()).some((m) => m.id);
    if (isLostQuestion(message)) {
      // A requester answering finance ("sorry, I lost it") is passed on, not answered by the bot.
      const relayed =
        !hasId && (surface === 'dm' || surface === 'console')
          ? await deps.escalations.relay(actor, message, language)
          : undefined;
      return relayed ?? lost(actor, message, surface, language);
    }
    if (!hasId) {
      const answered = await deps.checklist.answer(actor, message, language, placeOf(surface));
      if (answered) return answered;
      const last = STILL_MISSING.test(message) ? await memory.get(lastLookup(actor.userId)) : undefined;
      if (last) return deps.checklist.start(actor, keyToId(last), language, undefined, placeOf(surface));
      const relayed =
        surface === 'dm' || surface === 'console' ? await deps.escalations.relay(actor, message, language) : undefined;
      if (relayed) return relayed;
    }
    if (hasId && (await memory.get(askedWhich(actor.userId))) !== undefined)
      return check(actor, message, surface, language);
    return lookupText(actor, message, surface, language);
  }

  return {
    async receive(actor, input, surface) {
      if (input.kind === 'choice') return choice(actor, input.choiceId, surface, await languageFor(actor, ''));
      // Whatever a person typed (a note, a relay, a notice) is stored and shown again: it must never ping anyone.
      const typed = neutraliseMentions(input.text);
      if (typed.length <= MAX_MESSAGE) return await text(actor, typed, surface, await languageFor(actor, typed));
      // No question needs more; reading a pasted 40,000-character log in full would only hold up everyone else.
      const cut = typed.slice(0, MAX_MESSAGE);
      const language = await languageFor(actor, cut);
      const note: Reply = { kind: 'text', text: catalogFor(language).messageCut(typed.length, MAX_MESSAGE) };
      return [note, ...(await text(actor, cut, surface, language))];
    },
  };
}
