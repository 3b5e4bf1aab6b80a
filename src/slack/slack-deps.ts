import type { Actor, Role } from '../domain/actor.js';
import type { HealthReport } from '../domain/health-report.js';
import type { ChecklistFlow } from '../flows/checklist-flow.js';
import type { Conversation } from '../flows/conversation.js';
import type { EscalationFlow } from '../flows/escalation-flow.js';
import type { NoticeFlow } from '../flows/notice-flow.js';
import type { Reply } from '../flows/reply.js';
import type { SyncFlow } from '../flows/sync-flow.js';
import type { Language } from '../i18n/language.js';
import type { AuditLog, Clock, ConversationMemory, DedupeStore, GreetingStore, WindowSource } from '../ports.js';

/** What the Slack adapter needs from the core; built once in `main.ts`. */
export type SlackDeps = {
  conversation: Conversation;
  /** Notices: the modal previews and sends through the same flow as the text commands. */
  notices: NoticeFlow;
  /** Escalations: the form files through the same flow as the buttons and commands. */
  escalations: EscalationFlow;
  /** The walk-through, whose Escalate opens the escalation form with every check's result. */
  checklist: ChecklistFlow;
  /** Imports export files finance sends the bot. */
  sync: SyncFlow;
  /** Downloads of files shared with the bot (`url_private_download`) need the bot token. */
  botToken: string;
  /** The Web API base URL: besides Slack's file host, the only place the bot token is sent to download a file. */
  apiUrl: string;
  /** Maintenance windows, for the App Home. */
  windows: WindowSource;
  zone: string;
  /** Default channels for the notice form. */
  announceChannels: readonly string[];
  roleOf: (userId: string) => Role;
  dedupe: DedupeStore;
  /** Where the notice form's drafts wait for Send (shared by replicas). */
  memory: ConversationMemory;
  /** Refusals in Slack-only surfaces (the notice form) are recorded here. */
  audit: AuditLog;
  clock: Clock;
  /** `BOT_LANGUAGE`: what `languageOf` falls back to, and the apology's language when even that cannot be read. */
  language: Language;
  /** Remembers whom the Messages tab has greeted. */
  greetings: GreetingStore;
  /**
   * The language a person chose, else the bot's default: the one rule for everything the Slack adapter says to one
   * person itself (forms and their problems, apologies, file replies, the App Home, the greeting). Messages several
   * people read (channel posts, notices) keep their own rules; the conversation resolves its answers' language itself.
   */
  languageOf: (userId: string) => Promise<Language>;
  /** The figures for the App Home of finance leads and admins (nothing for anyone else), in the given language. */
  dashboard: (actor: Actor, language: Language) => Promise<Reply[]>;
  /** The body of `GET /healthz` and the App Home's status line. */
  health: () => Promise<HealthReport>;
};
