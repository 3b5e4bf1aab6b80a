import { fileURLToPath } from 'node:url';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createConsoleNotifier } from './console/console-notifier.js';
import { runConsole } from './console/run-console.js';
import { CONSOLE_ACTORS, openConsoleData, withStandInChannels } from './demo.js';
import { catalogFor } from './i18n/catalog-for.js';
import { systemClock } from './lib/clocks.js';
import { openBot } from './open-bot.js';
import type { Clock } from './ports.js';
import { createRoles } from './services/roles.js';
import type { AdmissionFigures } from './slack/admit-requests.js';
import { createSlackApp } from './slack/app.js';
import { createJsonLogger } from './slack/json-logger.js';
import { createSlackNotifier } from './slack/slack-notifier.js';
import { warmUp } from './slack/warm-up.js';
import { createWebClient } from './slack/web-client.js';
import { CorruptDataError } from './store/corrupt-data-error.js';
import { DataLockedError, lockDataDir } from './store/data-lock.js';
import { DatabaseUnavailableError } from './store/postgres/open-postgres.js';

/** A running bot, whatever its mode. */
export type RunningBot = {
  port?: number;
  stop(): Promise<void>;
  done?: Promise<void>;
  /** Runs the scheduled work (notices, SLA reminders, daily jobs) now, as the timer does; tests move a manual clock and call it. */
  tick?: () => Promise<number>;
  /** HTTP mode: the admission gate's figures since they were last taken (benchmarks read them). */
  admission?: () => AdmissionFigures;
  /** HTTP mode: how many request signatures the replay guard holds now (benchmarks read it). */
  rememberedSignatures?: () => number;
};

/** Options tests and the console use to drive the real composition. */
export type StartOptions = {
  clock?: Clock;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  log?: (line: string) => void;
};

// Due notice reminders and transitions are checked this often (and once at start, to catch up after downtime).
const TICK_MS = 30_000;

async function startConsoleBot(config: Config, options: StartOptions): Promise<RunningBot> {
  const data = await openConsoleData(config);
  const output = options.output ?? process.stdout;
  const { conversation, tick, close } = await openBot(
    withStandInChannels(config),
    data.dataDir,
    data.clock ?? options.clock ?? systemClock,
    createConsoleNotifier(output as never),
  );
  await tick();
  const done = runConsole({
    afterClockMove: async () => void (await tick()),
    conversation,
    input: (options.input ?? process.stdin) as never,
    output: output as never,
    t: catalogFor(config.language),
    actors: CONSOLE_ACTORS,
    ...(data.clock ? { clock: data.clock } : {}),
    demo: data.demo,
    zone: config.timezone,
  }).finally(async () => {
    await close();
    await data.release();
  });
  return { stop: async () => {}, done };
}

async function startSlackBot(config: Config, options: StartOptions): Promise<RunningBot> {
  const clock = options.clock ?? systemClock;
  // With PostgreSQL the shared state is in the database; DATA_DIR holds only this replica's inbox, backups and
  // settings files, so each replica locks a DATA_DIR of its own.
  const release = await lockDataDir(config.dataDir, config.databaseUrl !== undefined);
  const logger = createJsonLogger(options.log);
  const notifier = createSlackNotifier(createWebClient(config, logger), logger);
  const { tick, ...bot } = await openBot(config, config.dataDir, clock, notifier);
  const deps = {
    ...bot,
    botToken: config.botToken ?? '',
    apiUrl: config.apiUrl,
    roleOf: createRoles({ admins: config.adminUsers, financeLeads: config.financeLeads }),
    dedupe: await bot.openDedupe((error) =>
      logger.error('cannot write state/dedupe.jsonl (disk full?); still answering', error),
    ),
    clock,
    language: config.language,
    zone: config.timezone,
    announceChannels: config.announceChannels,
  };
  const { app, admission, replays } = createSlackApp(config, deps, logger);
  await warmUp(bot.conversation);
  const server = config.mode === 'http' ? await app.start(config.port) : await app.start();
  const port = (server as { address?: () => { port: number } } | undefined)?.address?.().port;
  logger.info(`Invoice Desk started in ${config.mode} mode${port ? ` on port ${port}` : ''}`);
  const runTick = () =>
    tick().catch((error: unknown) => {
      logger.error('scheduled work failed', String(error));
      return 0;
    });
  await runTick();
  const timer = setInterval(runTick, TICK_MS);
  return {
    ...(port ? { port } : {}),
    ...(admission ? { admission: admission.takeFigures } : {}),
    ...(replays ? { rememberedSignatures: replays.remembered } : {}),
    tick: runTick,
    stop: async () => {
      clearInterval(timer);
      await app.stop();
      // Entries still buffered are written before the lock is released.
      await bot.close();
      await release();
    },
  };
}

/** Starts the bot in the mode the configuration selects. */
export function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  return config.mode === 'console' ? startConsoleBot(config, options) : startSlackBot(config, options);
}

async function main(): Promise<void> {
  try {
    const bot = await startBot(loadConfig(process.env, process.argv.slice(2)));
    const shutdown = () => void bot.stop().finally(() => process.exit(0));
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    if (bot.done) {
      await bot.done;
      process.exit(0);
    }
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof CorruptDataError ||
      error instanceof DataLockedError ||
      error instanceof DatabaseUnavailableError
    ) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
