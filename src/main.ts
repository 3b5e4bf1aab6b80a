import { randomUUID } from 'node:crypto';
import { access, cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { webApi } from '@slack/bolt';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createConsoleNotifier } from './console/console-notifier.js';
import { runConsole } from './console/run-console.js';
import { ChecklistConfig } from './domain/checklist-config.js';
import { EscalationSettings } from './domain/escalation-settings.js';
import { DiagnosisSettings } from './domain/settings.js';
import { isStale, latestImport } from './domain/sync-freshness.js';
import type { Conversation } from './flows/conversation.js';
import { createBotCore } from './flows/create-bot-core.js';
import { catalogFor } from './i18n/catalog-for.js';
import { createManualClock, systemClock } from './lib/clocks.js';
import { formatLocal } from './lib/time.js';
import type { Clock, InvoiceStore, Notifier } from './ports.js';
import { importRecords } from './services/import-records.js';
import { createRoles } from './services/roles.js';
import { createSlackApp } from './slack/app.js';
import { buildReplyMessage } from './slack/blocks/build-reply-message.js';
import { createJsonLogger } from './slack/json-logger.js';
import { createSlackNotifier } from './slack/slack-notifier.js';
import { createBackup } from './store/backups.js';
import { loadChinaCalendar } from './store/china-calendar.js';
import { CorruptDataError } from './store/corrupt-data-error.js';
import { readCsvRows } from './store/csv-file.js';
import { DataLockedError, lockDataDir } from './store/data-lock.js';
import { createFileInbox } from './store/file-inbox.js';
import { openJsonFile } from './store/json-file.js';
import { createJsonlAuditLog } from './store/jsonl-audit-log.js';
import { createLowdbChecklistStore } from './store/lowdb-checklist-store.js';
import { createLowdbDedupeStore } from './store/lowdb-dedupe-store.js';
import { createLowdbEscalationStore } from './store/lowdb-escalation-store.js';
import { createLowdbInvoiceStore } from './store/lowdb-invoice-store.js';
import { createLowdbNoticeStore } from './store/lowdb-notice-store.js';
import { createLowdbPrefsStore } from './store/lowdb-prefs-store.js';
import { createLowdbScheduleStore } from './store/lowdb-schedule-store.js';
import { createLowdbWatchStore } from './store/lowdb-watch-store.js';

/** Where the shipped demo data lives. */
export const DEMO_DIR = fileURLToPath(new URL('../data/demo/', import.meta.url));
/** The console's clock on demo data: the demo records are written around this moment. */
export const DEMO_NOW = new Date('2026-11-27T15:00:00+08:00');
/** The console's stand-in users, one per role. */
export const CONSOLE_ACTORS = { employee: 'UDEMOEMP', finance: 'UDEMOFIN', admin: 'UDEMOADM' } as const;

/** A running bot, whatever its mode. */
export type RunningBot = { port?: number; stop(): Promise<void>; done?: Promise<void> };

/** Options tests and the console use to drive the real composition. */
export type StartOptions = {
  clock?: Clock;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  log?: (line: string) => void;
};

/** The shipped troubleshooting steps; a `checklist.json` in DATA_DIR replaces them. */
export const DEFAULT_CHECKLIST = fileURLToPath(new URL('../data/checklist.json', import.meta.url));

/** Reads the troubleshooting steps: DATA_DIR/checklist.json if present, else the shipped file; a bad edit stops the bot. */
export async function loadChecklistConfig(dataDir: string): Promise<ChecklistConfig> {
  const own = join(dataDir, 'checklist.json');
  const file = (await access(own).then(
    () => true,
    () => false,
  ))
    ? own
    : DEFAULT_CHECKLIST;
  return (await openJsonFile(file, ChecklistConfig, { expireAfterHours: 24, steps: [] })).data;
}

// Due notice reminders and transitions are checked this often (and once at start, to catch up after downtime).
const NOTICE_TICK_MS = 30_000;

// settings.json: the diagnosis thresholds at the top level, the escalation SLA under `escalations`.
const SettingsFile = DiagnosisSettings.extend({
  escalations: EscalationSettings.default(EscalationSettings.parse({})),
});

async function core(config: Config, dataDir: string, clock: Clock, notifier: Notifier) {
  const store = await createLowdbInvoiceStore(dataDir);
  const { escalations: escalationSettings, ...settings } = (
    await openJsonFile(join(dataDir, 'settings.json'), SettingsFile, SettingsFile.parse({}))
  ).data;
  const audit = await createJsonlAuditLog(dataDir);
  const ports = {
    store,
    prefs: await createLowdbPrefsStore(dataDir),
    sessions: await createLowdbChecklistStore(dataDir),
    watches: await createLowdbWatchStore(dataDir),
    notices: await createLowdbNoticeStore(dataDir),
    escalations: await createLowdbEscalationStore(dataDir),
    schedule: await createLowdbScheduleStore(dataDir),
    inbox: await createFileInbox(dataDir),
    backup: (reason: 'before-sync' | 'daily') => createBackup(dataDir, reason, clock.now()),
    audit,
    notifier,
    clock,
    calendar: await loadChinaCalendar(dataDir),
  };
  const bot = createBotCore(ports, {
    language: config.language,
    zone: config.timezone,
    settings,
    escalationSettings,
    checklist: await loadChecklistConfig(dataDir),
    announceChannels: config.announceChannels,
    ...(config.escalationChannel ? { escalationChannel: config.escalationChannel } : {}),
    financeLeads: config.financeLeads,
    admins: config.adminUsers,
    newId: () => randomUUID().slice(0, 8).toUpperCase(),
    inboxPath: join(dataDir, 'inbox'),
  });
  return { ...bot, store, audit, staleSyncHours: settings.staleSyncHours };
}

// What /healthz and the App Home report: counts, the last tax sync and its coverage, and whether it is stale.
function health(config: Config, store: InvoiceStore, clock: Clock, staleSyncHours: number) {
  return () => {
    const last = latestImport(store.coverage());
    const counts = store.counts();
    const stale = isStale(last, clock.now(), staleSyncHours);
    const when = last ? `${formatLocal(last.importedAt, config.timezone)} (${last.from} – ${last.to})` : 'never';
    const ledger = store.lastLedgerImport();
    const ledgerWhen = ledger ? formatLocal(ledger.importedAt, config.timezone) : 'never';
    return {
      ok: true,
      mode: config.mode,
      records: counts,
      lastSync: { tax: last ?? null, ledger: store.lastLedgerImport() ?? null, stale, staleAfterHours: staleSyncHours },
      summary: `${counts.ledger} ledger / ${counts.tax} tax records · last tax sync ${when}${stale ? ' ⚠️ stale' : ''} · last ledger import ${ledgerWhen}`,
    };
  };
}

// Without this, the first requests after a start wait for V8 to compile the reply path: up to 1.7 s each when 50
// arrive at once (bench/phase-query.ts). A few hundred side-effect-free `help` replies take well under a second.
export async function warmUp(conversation: Conversation): Promise<void> {
  const actor = { userId: 'UWARMUP', role: 'employee' as const };
  for (let i = 0; i < 200; i++)
    buildReplyMessage(await conversation.receive(actor, { kind: 'text', text: 'help' }, 'command'));
}

async function hasInvoices(dataDir: string): Promise<boolean> {
  const names = await Promise.all(
    ['ledger', 'tax'].map((s) => readdir(join(dataDir, 'invoices', s)).catch(() => [] as string[])),
  );
  return names.some((n) => n.some((f) => f.endsWith('.json')));
}

async function prepareDemo(config: Config): Promise<{ dataDir: string; clock: ReturnType<typeof createManualClock> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'invoice-desk-demo-'));
  await cp(join(DEMO_DIR, 'settings.json'), join(dataDir, 'settings.json'));
  const clock = createManualClock(DEMO_NOW);
  const store = await createLowdbInvoiceStore(dataDir);
  for (const source of ['ledger', 'tax'] as const) {
    const result = await importRecords(
      { store, clock, zone: config.timezone },
      { source, file: `${source}.csv`, rows: readCsvRows(join(DEMO_DIR, `${source}.csv`)) },
    );
    if (!result.ok) throw new Error(`demo ${source}.csv is invalid: ${JSON.stringify(result.error)}`);
  }
  return { dataDir, clock };
}

/** Starts the bot in the mode the configuration selects. */
export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  if (config.mode === 'console') {
    const demo = !(await hasInvoices(config.dataDir));
    const { dataDir, clock } = demo ? await prepareDemo(config) : { dataDir: config.dataDir, clock: undefined };
    // The demo copy is thrown away at the end; a real DATA_DIR is locked like any other bot would lock it.
    const release = demo ? () => rm(dataDir, { recursive: true, force: true }) : await lockDataDir(dataDir);
    const output = (options.output ?? process.stdout) as NodeJS.WritableStream;
    // Console posts are only printed, so stand-in channels are used when none are configured.
    const announceChannels = config.announceChannels.length > 0 ? config.announceChannels : ['C0DEMO'];
    const escalationChannel = config.escalationChannel ?? 'C0ESCALATIONS';
    const { conversation, tick } = await core(
      { ...config, announceChannels, escalationChannel },
      dataDir,
      clock ?? options.clock ?? systemClock,
      createConsoleNotifier(output as never),
    );
    await tick();
    const done = runConsole({
      afterClockMove: async () => {
        await tick();
      },
      conversation,
      input: (options.input ?? process.stdin) as never,
      output: output as never,
      t: catalogFor(config.language),
      actors: CONSOLE_ACTORS,
      ...(clock ? { clock } : {}),
      demo,
      zone: config.timezone,
    }).finally(release);
    return { stop: async () => {}, done };
  }
  const clock = options.clock ?? systemClock;
  const release = await lockDataDir(config.dataDir);
  const logger = createJsonLogger(options.log);
  const client = new webApi.WebClient(config.botToken, {
    slackApiUrl: config.apiUrl,
    logger,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5000 },
  });
  const { store, conversation, notices, escalations, checklist, sync, tick, windows, audit, staleSyncHours } =
    await core(config, config.dataDir, clock, createSlackNotifier(client, logger));
  const dedupe = await createLowdbDedupeStore(config.dataDir);
  const roleOf = createRoles({ admins: config.adminUsers, financeLeads: config.financeLeads });
  const { app, receiver } = createSlackApp(
    config,
    {
      conversation,
      notices,
      escalations,
      checklist,
      sync,
      botToken: config.botToken ?? '',
      windows,
      roleOf,
      dedupe,
      audit,
      clock,
      language: config.language,
      zone: config.timezone,
      announceChannels: config.announceChannels,
      health: health(config, store, clock, staleSyncHours),
    },
    logger,
  );
  await warmUp(conversation);
  const server = config.mode === 'http' ? await app.start(config.port) : await app.start();
  const address =
    receiver && server && typeof server === 'object' && 'address' in server
      ? (server as { address(): { port: number } }).address()
      : undefined;
  logger.info(`Invoice Desk started in ${config.mode} mode${address ? ` on port ${address.port}` : ''}`);
  const runTick = () =>
    tick().catch((error: unknown) => {
      logger.error('notice lifecycle failed', String(error));
      return 0;
    });
  await runTick();
  const timer = setInterval(runTick, NOTICE_TICK_MS);
  return {
    ...(address ? { port: address.port } : {}),
    stop: async () => {
      clearInterval(timer);
      await app.stop();
      await release();
    },
  };
}

async function main(): Promise<void> {
  try {
    const config = loadConfig(process.env, process.argv.slice(2));
    const bot = await startBot(config);
    const shutdown = () => void bot.stop().finally(() => process.exit(0));
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    if (bot.done) {
      await bot.done;
      process.exit(0);
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CorruptDataError || error instanceof DataLockedError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
