import { type Actor, isFinance } from '../domain/actor.js';
import type { ChecklistConfig } from '../domain/checklist-config.js';
import { businessHoursOf, type EscalationSettings } from '../domain/escalation-settings.js';
import { formatId, keyToId } from '../domain/identifier.js';
import { toWindow } from '../domain/notice.js';
import { isPolicy } from '../domain/policy-change.js';
import { parsePeriod } from '../domain/report-period.js';
import type { DiagnosisSettings } from '../domain/settings.js';
import { catalogFor } from '../i18n/catalog-for.js';
import type { Language } from '../i18n/language.js';
import type { CorePorts, GreetingStore, WindowSource } from '../ports.js';
import { statsReport } from '../services/bot-stats.js';
import { runDailyJobs } from '../services/daily-jobs.js';
import { missingInvoices } from '../services/missing-invoices.js';
import { runDueEvents } from '../services/notice-lifecycle.js';
import { createRoles } from '../services/roles.js';
import { runSlaReminders } from '../services/run-sla-reminders.js';
import { type ChecklistFlow, createChecklistFlow } from './checklist-flow.js';
import { type Conversation, createConversation } from './conversation.js';
import { createEscalationFlow, type EscalationFlow } from './escalation-flow.js';
import { createEscalationRenderer } from './escalation-renderer.js';
import { createNoticeFlow, type NoticeFlow } from './notice-flow.js';
import { createNoticeRenderer, noticeTitle } from './notice-renderer.js';
import type { Reply } from './reply.js';
import { reportReplies } from './stats-replies.js';
import { createSyncFlow, type SyncFlow } from './sync-flow.js';

/** Settings and people the core needs. */
export type CoreOptions = {
  language: Language;
  zone: string;
  settings: DiagnosisSettings;
  escalationSettings: EscalationSettings;
  checklist: ChecklistConfig;
  announceChannels: readonly string[];
  escalationChannel?: string;
  financeLeads: readonly string[];
  admins: readonly string[];
  /** Shown when the inbox is empty: where to drop export files. */
  inboxPath: string;
  /** Makes a short unique suffix for references (CHK-…, NTC-…). */
  newId: () => string;
};

/** The conversation and the scheduled work, wired once for every runtime. */
export type BotCore = {
  conversation: Conversation;
  notices: NoticeFlow;
  escalations: EscalationFlow;
  checklist: ChecklistFlow;
  sync: SyncFlow;
  windows: WindowSource;
  greetings: GreetingStore;
  /** The language a person chose (`lang en|zh`), else the bot's default: for what the bot says to them unasked. */
  languageOf: (userId: string) => Promise<Language>;
  /** This week's figures against last week's, for the App Home of finance leads and admins, in their language. */
  dashboard: (actor: Actor, language: Language) => Promise<Reply[]>;
  tick: () => Promise<number>;
};

/** Wires flows and services over the given ports: the one place that knows how the core fits together. */
export function createBotCore(ports: CorePorts, options: CoreOptions): BotCore {
  const { clock, audit, notifier } = ports;
  const languageOf = async (userId: string) => (await ports.prefs.language(userId)) ?? options.language;
  const windows = {
    windows: async () => (await ports.notices.all()).flatMap((n) => toWindow(n, noticeTitle(n)) ?? []),
  };
  const policies = { policies: async () => (await ports.notices.all()).filter(isPolicy) };
  const lookup = {
    store: ports.store,
    windows,
    policies,
    clock,
    settings: options.settings,
    zone: options.zone,
    calendar: ports.calendar,
    filing: ports.filing,
    ...(ports.regions ? { regions: ports.regions } : {}),
    deductions: ports.deductions,
    urgentDays: options.escalationSettings.deadlineUrgentDays,
  };
  const noticeDeps = {
    notices: ports.notices,
    notifier,
    render: createNoticeRenderer(options.language, options.zone),
    clock,
    newId: () => `NTC-${options.newId()}`,
  };
  const notices = createNoticeFlow({
    ...noticeDeps,
    zone: options.zone,
    announceChannels: options.announceChannels,
    audit,
    policyDays: options.settings.policyNoticeDays,
    memory: ports.memory,
  });
  const escalationDeps = {
    escalations: ports.escalations,
    notifier,
    render: createEscalationRenderer(options.language, options.zone, options.escalationSettings.nearMinutes),
    lookup,
    calendar: ports.calendar,
    settings: options.escalationSettings,
    ...(options.escalationChannel ? { channel: options.escalationChannel } : {}),
    financeLeads: options.financeLeads,
    admins: options.admins,
    roleOf: createRoles({ admins: options.admins, financeLeads: options.financeLeads }),
    languageOf,
    audit,
    schedule: ports.schedule,
  };
  const escalations = createEscalationFlow(escalationDeps);
  const checklist = createChecklistFlow({
    audit,
    lookup,
    sessions: ports.sessions,
    watches: ports.watches,
    config: options.checklist,
    newId: () => `CHK-${options.newId()}`,
    questions: ports.questions,
    escalate: (actor, key, checks, language, urgency = 'normal', note = '') =>
      escalations.file(actor, key, urgency, note, checks, language),
  });
  const sync = createSyncFlow({
    lookup,
    inbox: ports.inbox,
    watches: ports.watches,
    notifier,
    backup: () => ports.backup('before-sync'),
    audit,
    inboxPath: options.inboxPath,
    watchMessage: async (userId, key, status) => ({
      text: catalogFor(await languageOf(userId)).sync.watchAppeared(formatId(keyToId(key)), status),
    }),
  });
  const stats = {
    questions: ports.questions,
    escalations: () => ports.escalations.all(),
    calendar: ports.calendar,
    hours: businessHoursOf(options.escalationSettings),
    zone: options.zone,
    clock,
    missingNow: async () => (await missingInvoices(lookup)).length,
    audit,
  };
  const report = async (period: string) => {
    const read = parsePeriod(period, clock.now(), options.zone);
    if (!read.ok) throw new Error(`built-in period ${period}: ${read.error.code}`);
    return statsReport(stats, read.value);
  };
  const conversation = createConversation({
    sync: sync.run,
    watches: ports.watches,
    lookup,
    prefs: ports.prefs,
    checklist,
    notices,
    escalations,
    audit,
    memory: ports.memory,
    questions: ports.questions,
    stats,
    defaultLanguage: options.language,
  });
  // One tick at a time: a slow Slack must not let two ticks announce the same step.
  let ticking: Promise<number> | undefined;
  const tick = () => {
    ticking ??= Promise.all([
      runDueEvents({ ...noticeDeps, schedule: ports.schedule }),
      runSlaReminders(escalationDeps),
      runDailyJobs({
        ...escalationDeps,
        schedule: ports.schedule,
        watches: ports.watches,
        sessions: ports.sessions,
        backup: () => ports.backup('daily'),
        questions: ports.questions,
        weeklyFigures: async () => {
          const last = await report('last-week');
          return catalogFor(options.language).stats.weekly(last.headline, last.change);
        },
        backupFailed: (reason, language) => ({ text: catalogFor(language).backup.dailyFailed(reason) }),
        watchExpired: async (userId, key, days) => ({
          text: catalogFor(await languageOf(userId)).sync.watchExpired(formatId(keyToId(key)), days),
        }),
      }),
    ])
      .then((counts) => counts.reduce((a, b) => a + b, 0))
      .finally(() => {
        ticking = undefined;
      });
    return ticking;
  };
  // Company-wide figures: only ever built for finance leads and admins.
  const dashboard = async (actor: Actor, language: Language): Promise<Reply[]> =>
    isFinance(actor) ? reportReplies(await report('this-week'), catalogFor(language), options.zone) : [];
  return {
    conversation,
    notices,
    escalations,
    checklist,
    sync,
    windows,
    greetings: ports.greetings,
    languageOf,
    dashboard,
    tick,
  };
}
