// The bot as the slash-command benchmarks run it: the real Bolt app and core over the given invoice store, every
// other store in memory, the clock fixed on a working afternoon. Shared by phase-query.ts (over HTTP) and
// in-process.ts (app.processEvent), so both measure the same bot.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { App } from '@slack/bolt';
import { loadConfig } from '../src/config.js';
import { createConsoleNotifier } from '../src/console/console-notifier.js';
import type { WorkingCalendar } from '../src/domain/business-time.js';
import { ChecklistConfig } from '../src/domain/checklist-config.js';
import { EscalationSettings } from '../src/domain/escalation-settings.js';
import type { FilingTable } from '../src/domain/filing-calendar.js';
import { DiagnosisSettings } from '../src/domain/settings.js';
import type { Conversation } from '../src/flows/conversation.js';
import { createBotCore } from '../src/flows/create-bot-core.js';
import type { Clock, InvoiceStore } from '../src/ports.js';
import { readHealth } from '../src/services/read-health.js';
import { createRoles } from '../src/services/roles.js';
import { createSlackApp } from '../src/slack/app.js';
import { createJsonLogger } from '../src/slack/json-logger.js';
import { createMemoryDedupeStore } from '../src/store/memory-state-stores.js';
import { createMemoryStores } from '../src/store/memory-stores.js';

/** What the bench bot runs on. */
export type BenchBotOptions = {
  store: InvoiceStore;
  clock: Clock;
  calendar: WorkingCalendar;
  filing: FilingTable;
  /** The signing secret the load generator signs with. */
  secret: string;
  /** The fake Slack Web API's base URL. */
  fakeUrl: string;
};

/** Builds the bench bot (not started). */
export async function createBenchBot(o: BenchBotOptions): Promise<{ app: App; conversation: Conversation }> {
  const { store, clock } = o;
  const config = {
    ...loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: o.secret,
      SLACK_API_URL: `${o.fakeUrl}/api/`,
    }),
    port: 0,
  };
  const checklistConfig = ChecklistConfig.parse(
    JSON.parse(await readFile(join(import.meta.dirname, '../data/checklist.json'), 'utf8')),
  );
  const ports = {
    store,
    ...createMemoryStores(clock),
    inbox: {
      files: async () => [],
      add: async () => {},
      done: async () => {},
      reject: async () => ({ file: '', problems: '' }),
    },
    backup: async () => 'none',
    notifier: createConsoleNotifier(process.stderr),
    clock,
    calendar: o.calendar,
    filing: o.filing,
  };
  const { audit } = ports;
  const options = {
    language: 'en' as const,
    zone: 'Asia/Shanghai',
    settings: DiagnosisSettings.parse({}),
    escalationSettings: EscalationSettings.parse({}),
    checklist: checklistConfig,
    announceChannels: [],
    financeLeads: [],
    admins: [],
    newId: () => 'BENCH',
    inboxPath: 'inbox',
  };
  const { conversation, notices, escalations, checklist, sync, windows, greetings, languageOf, dashboard } =
    createBotCore(ports, options);
  const slackDeps = {
    conversation,
    notices,
    escalations,
    checklist,
    sync,
    botToken: 'xoxb-bench',
    apiUrl: 'https://slack.com/api/',
    windows,
    greetings,
    languageOf,
    dashboard,
    announceChannels: [],
    zone: 'Asia/Shanghai',
    roleOf: createRoles({ admins: [], financeLeads: [] }),
    audit,
    dedupe: createMemoryDedupeStore(),
    memory: ports.memory,
    clock,
    language: 'en' as const,
    health: () => readHealth({ store, clock, mode: 'http', staleSyncHours: 48 }),
  };
  const { app } = createSlackApp(
    config,
    slackDeps,
    createJsonLogger(() => {}),
  );
  return { app, conversation };
}
