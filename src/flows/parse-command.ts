import { companyNameIn } from '../domain/company-name.js';
import type { Language } from '../i18n/language.js';

/** A `/invoice` sub-command after alias resolution. */
export type Command =
  | { name: 'help'; topic?: string }
  | { name: 'where'; text: string }
  | { name: 'find'; text: string }
  | { name: 'check'; text: string }
  | { name: 'notice'; text: string }
  | { name: 'notices' }
  | { name: 'deadlines' }
  | { name: 'sync'; text: string }
  | { name: 'stats'; text: string }
  | { name: 'watch'; text: string }
  | { name: 'lost'; text: string }
  | { name: 'escalate'; text: string }
  | { name: 'escalations'; text: string }
  | { name: 'escalation'; text: string }
  | { name: 'lang'; language?: Language }
  | { name: 'unknown'; word: string };

/** The sub-commands, by their canonical English name. */
export type CommandName =
  | 'help'
  | 'where'
  | 'find'
  | 'lang'
  | 'check'
  | 'notice'
  | 'notices'
  | 'deadlines'
  | 'escalate'
  | 'escalations'
  | 'escalation'
  | 'watch'
  | 'lost'
  | 'sync'
  | 'stats';

// The one alias table: the parser, `isCommandLike`, `commandNamed` and the Slack command listener (through
// `parseCommand`) all read it.
const ALIASES: Record<string, CommandName> = {
  escalate: 'escalate',
  上报: 'escalate',
  escalations: 'escalations',
  上报列表: 'escalations',
  escalation: 'escalation',
  处理上报: 'escalation',
  notice: 'notice',
  公告: 'notice',
  notices: 'notices',
  维护: 'notices',
  deadlines: 'deadlines',
  申报期: 'deadlines',
  sync: 'sync',
  同步: 'sync',
  stats: 'stats',
  统计: 'stats',
  watch: 'watch',
  关注: 'watch',
  lost: 'lost',
  丢失: 'lost',
  遗失: 'lost',
  check: 'check',
  排查: 'check',
  help: 'help',
  '?': 'help',
  帮助: 'help',
  where: 'where',
  查询: 'where',
  lookup: 'where',
  find: 'find',
  search: 'find',
  查找: 'find',
  lang: 'lang',
  language: 'lang',
  语言: 'lang',
};

/**
 * The sub-command a word names, in English or Chinese, or undefined.
 * @example commandNamed('上报') // 'escalate'
 */
export function commandNamed(word: string): CommandName | undefined {
  // A lookup's first word is an id, longer than any alias: no lowercase copy, no property lookup by a new string.
  if (word.length > LONGEST_ALIAS) return undefined;
  const lower = word.toLowerCase();
  return Object.hasOwn(ALIASES, lower) ? ALIASES[lower] : undefined;
}

const LONGEST_ALIAS = Math.max(...Object.keys(ALIASES).map((alias) => alias.length));

/**
 * Splits `/invoice` text into a sub-command. A first word that is not a sub-command is part of the question: text
 * with digits in it is a lookup (`代码 011002500111 号码 00412345`, `请帮我查一下 2611…`).
 * @example parseCommand('查询 24112000000094149929') // { name: 'where', text: '24112000000094149929' }
 */
export function parseCommand(text: string): Command {
  const trimmed = text.trim();
  if (trimmed === '') return { name: 'help' };
  // A first word longer than any alias (an id: nearly every command) names no sub-command, so the words after it
  // are never split off, joined or read: only the question's tests below apply.
  const space = trimmed.search(/\s/);
  const head = space < 0 ? trimmed : trimmed.slice(0, space);
  if (head.length > LONGEST_ALIAS) return question(trimmed, head);
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  const args = rest.join(' ');
  const alias = commandNamed(word);
  if (alias === 'help') return rest[0] ? { name: 'help', topic: rest[0] } : { name: 'help' };
  if (alias === 'where') return { name: 'where', text: args };
  if (alias === 'find') return { name: 'find', text: args };
  if (alias === 'check') return { name: 'check', text: args };
  if (alias === 'notice') return { name: 'notice', text: args };
  if (alias === 'notices') return { name: 'notices' };
  if (alias === 'deadlines') return { name: 'deadlines' };
  if (alias === 'sync') return { name: 'sync', text: args };
  if (alias === 'stats') return { name: 'stats', text: args };
  if (alias === 'watch') return { name: 'watch', text: args };
  if (alias === 'lost') return { name: 'lost', text: args };
  if (alias === 'escalate' || alias === 'escalations' || alias === 'escalation') return { name: alias, text: args };
  if (alias === 'lang') {
    const language = args.trim().toLowerCase();
    return language === 'en' || language === 'zh' ? { name: 'lang', language } : { name: 'lang' };
  }
  return question(trimmed, first);
}

// Text whose first word is no sub-command: digits or a company name make it a question (`/invoice 北京乙客户有限公司`),
// answered by the lookup's hints; anything else is an unknown sub-command.
function question(trimmed: string, first: string): Command {
  if (/[0-9０-９]/.test(trimmed) || companyNameIn(trimmed)) return { name: 'where', text: trimmed };
  return { name: 'unknown', word: first };
}

/**
 * True when a DM or mention starts with a sub-command word, so "help" or "find 1130" work there too.
 * @example isCommandLike('帮助') // true
 */
export function isCommandLike(text: string): boolean {
  const word = (text.trim().split(/\s+/)[0] ?? '').toLowerCase();
  return commandNamed(word) !== undefined;
}
