import { type Actor, canSeeDetails } from '../domain/actor.js';
import { extractIds } from '../domain/extract-ids.js';
import { formatId, keyToId } from '../domain/identifier.js';
import { MASKED_AMOUNT } from '../domain/mask.js';
import { formatYuan } from '../domain/money.js';
import { catalogFor } from '../i18n/catalog-for.js';
import type { Language } from '../i18n/language.js';
import { hasChinese } from '../lib/normalize-text.js';
import type { PrefsStore } from '../ports.js';
import { type LookupDeps, lookUpInvoice } from '../services/look-up-invoice.js';
import { lookupChoice, lookupReplies } from './lookup-replies.js';
import { type Command, isCommandLike, parseCommand } from './parse-command.js';
import { parseFindQuery } from './parse-find-query.js';
import type { FlowInput, Reply, Surface } from './reply.js';

/** The single entry point every runtime (Slack, console) talks to. */
export interface Conversation {
  receive(actor: Actor, input: FlowInput, surface: Surface): Promise<Reply[]>;
}

/** What the conversation needs. */
export type ConversationDeps = { lookup: LookupDeps; prefs: PrefsStore; defaultLanguage: Language };

const MAX_IDS_PER_MESSAGE = 5;
const FIND_LIMIT = 10;

/** Creates the conversation: commands, free-text lookups and button choices in, replies out. */
export function createConversation(deps: ConversationDeps): Conversation {
  // Button clicks carry no text, so remember the language each user last wrote in.
  const lastLanguage = new Map<string, Language>();

  function languageFor(actor: Actor, text: string): Language {
    const chosen = deps.prefs.language(actor.userId);
    // A message of digits alone says nothing about its writer's language; words do.
    const written = hasChinese(text) ? 'zh' : /[a-z]{3,}/i.test(text) ? 'en' : undefined;
    const language = chosen ?? written ?? lastLanguage.get(actor.userId) ?? deps.defaultLanguage;
    lastLanguage.set(actor.userId, language);
    return language;
  }

  function lookupText(actor: Actor, text: string, surface: Surface, language: Language): Reply[] {
    const t = catalogFor(language);
    const mentions = extractIds(text, deps.lookup.clock.now()).slice(0, MAX_IDS_PER_MESSAGE);
    if (mentions.length === 0) return [{ kind: 'text', text: surface === 'command' ? t.whereUsage : t.noIdInMessage }];
    const view = { actor, t, zone: deps.lookup.zone, shared: surface === 'mention' };
    return mentions.flatMap((m) => lookupReplies(lookUpInvoice(deps.lookup, m), view));
  }

  function find(actor: Actor, text: string, language: Language): Reply[] {
    const t = catalogFor(language);
    const parsed = parseFindQuery(text, deps.lookup.zone);
    if (!parsed.ok) {
      const e = parsed.error;
      return [
        {
          kind: 'text',
          text:
            e.code === 'bad_amount'
              ? t.find.badAmount(e.text)
              : e.code === 'bad_date'
                ? t.find.badDate(e.text)
                : t.find.usage,
        },
      ];
    }
    const found = deps.lookup.store.find(parsed.value, FIND_LIMIT + 1);
    if (found.length === 0) return [{ kind: 'text', text: t.find.none }];
    const items = found.slice(0, FIND_LIMIT).map((pair) => {
      const facts = pair.ledger ?? pair.tax;
      const id = facts?.ids[0];
      if (!facts || !id) return { text: '' };
      const amount = canSeeDetails(actor, pair.ledger?.requester) ? `¥ ${formatYuan(facts.total)}` : MASKED_AMOUNT;
      const text = `${formatId(id)} — ${facts.issuedAt.slice(0, 10)} — ${facts.sellerName} → ${facts.buyerName} — ${amount}`;
      return { text, choice: lookupChoice(id, formatId(id)) };
    });
    return [
      {
        kind: 'list',
        title: t.find.results(found.length > FIND_LIMIT ? FIND_LIMIT + 1 : found.length, FIND_LIMIT),
        items,
      },
    ];
  }

  async function command(actor: Actor, cmd: Command, surface: Surface, language: Language): Promise<Reply[]> {
    const t = catalogFor(language);
    switch (cmd.name) {
      case 'help':
        return [{ kind: 'text', text: t.help }];
      case 'where':
        return lookupText(actor, cmd.text, surface, language);
      case 'find':
        return find(actor, cmd.text, language);
      case 'lang': {
        if (!cmd.language) return [{ kind: 'text', text: t.languageUsage }];
        await deps.prefs.setLanguage(actor.userId, cmd.language);
        lastLanguage.set(actor.userId, cmd.language);
        return [{ kind: 'text', text: catalogFor(cmd.language).languageSet }];
      }
      case 'later':
        return [{ kind: 'text', text: t.comingSoon(`/invoice ${cmd.word}`) }];
      case 'unknown':
        return [{ kind: 'text', text: `${t.unknownCommand(cmd.word)}\n${t.help}` }];
    }
  }

  function choice(actor: Actor, choiceId: string, surface: Surface, language: Language): Reply[] {
    const t = catalogFor(language);
    const [verb, arg = ''] = choiceId.split(/:(.*)/s);
    if (verb === 'lookup' && /^(D\d{20}|L\d{10,12}-\d{8})$/.test(arg)) {
      const id = keyToId(arg);
      return lookupReplies(lookUpInvoice(deps.lookup, { raw: formatId(id), id, problems: [] }), {
        actor,
        t,
        zone: deps.lookup.zone,
        shared: surface === 'mention',
      });
    }
    if (verb === 'troubleshoot') return [{ kind: 'text', text: t.comingSoon(t.card.troubleshoot) }];
    if (verb === 'escalate') return [{ kind: 'text', text: t.comingSoon(t.card.escalate) }];
    return [{ kind: 'text', text: t.help }];
  }

  return {
    async receive(actor, input, surface) {
      if (input.kind === 'choice') return choice(actor, input.choiceId, surface, languageFor(actor, ''));
      const language = languageFor(actor, input.text);
      if (surface === 'command' || isCommandLike(input.text))
        return command(actor, parseCommand(input.text), surface, language);
      return lookupText(actor, input.text, surface, language);
    },
  };
}
