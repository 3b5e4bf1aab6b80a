import type { Role } from '../domain/actor.js';
import type { Conversation } from '../flows/conversation.js';
import type { Language } from '../i18n/language.js';
import type { Clock, DedupeStore } from '../ports.js';

/** What the Slack adapter needs from the core; built once in `main.ts`. */
export type SlackDeps = {
  conversation: Conversation;
  roleOf: (userId: string) => Role;
  dedupe: DedupeStore;
  clock: Clock;
  language: Language;
  /** The body of `GET /healthz` and the App Home's status line. */
  health: () => Record<string, unknown>;
};
