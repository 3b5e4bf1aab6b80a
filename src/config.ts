import { z } from 'zod';
import { LANGUAGES, type Language } from './i18n/language.js';
import { redact } from './lib/redact.js';

/** How the bot talks to people. */
export type Mode = 'console' | 'socket' | 'http';

/** The validated configuration, read once at start. */
export type Config = {
  mode: Mode;
  botToken?: string;
  appToken?: string;
  signingSecret?: string;
  apiUrl: string;
  port: number;
  dataDir: string;
  dataDirGiven: boolean;
  adminUsers: string[];
  financeLeads: string[];
  escalationChannel?: string;
  announceChannels: string[];
  timezone: string;
  language: Language;
  /** Unlocks the details of `GET /healthz`; without it only `{ ok, mode }` is ever shown. */
  healthToken?: string;
  /** Set → every store lives in PostgreSQL (several replicas possible); unset → lowdb in `dataDir`. */
  databaseUrl?: string;
  /** The PostgreSQL schema that holds the bot's tables (its own, so one database can host other things). */
  databaseSchema: string;
  /**
   * How long a replica holds a scheduled job's slot it claimed (each finished message extends it): a replica that
   * dies mid-job leaves the slot to the others this long after its last message.
   */
  scheduleLeaseMs: number;
  /**
   * HTTP mode: how many Slack requests the bot works on at once (from arrival until answered); the rest wait their
   * turn in arrival order.
   */
  httpConcurrency: number;
};

/** A setting that is missing or malformed; its message names the variable and how to fix it. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const userIds = z
  .string()
  .regex(/^([UW][A-Z0-9]{2,})(,[UW][A-Z0-9]{2,})*$/, 'comma-separated Slack user ids like U012ABCDEF');
const channelIds = z
  .string()
  .regex(/^([CGD][A-Z0-9]{2,})(,[CGD][A-Z0-9]{2,})*$/, 'comma-separated Slack channel ids like C012ABCDEF');
const zone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Asia/Shanghai');

const Env = z.object({
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, 'a bot token starting with xoxb-')
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'an app-level token starting with xapp-')
    .optional(),
  SLACK_SIGNING_SECRET: z.string().min(8, 'the signing secret from Basic Information').optional(),
  SLACK_API_URL: z.url({ error: 'a URL such as https://slack.com/api/' }).default('https://slack.com/api/'),
  PORT: z.coerce
    .number({ error: 'a port number' })
    .int('a whole number')
    .min(1, 'between 1 and 65535')
    .max(65535, 'between 1 and 65535')
    .default(3000),
  DATA_DIR: z.string().min(1).optional(),
  ADMIN_USERS: userIds.optional(),
  FINANCE_LEADS: userIds.optional(),
  ESCALATION_CHANNEL: z
    .string()
    .regex(/^[CGD][A-Z0-9]{2,}$/, 'a Slack channel id like C012ABCDEF')
    .optional(),
  ANNOUNCE_CHANNELS: channelIds.optional(),
  BOT_TIMEZONE: zone.default('Asia/Shanghai'),
  BOT_LANGUAGE: z.enum(LANGUAGES, { error: 'en or zh' }).default('en'),
  HEALTH_TOKEN: z.string().min(16, 'a random string of at least 16 characters').optional(),
  DATABASE_URL: z
    .string()
    .refine(
      (url) => /^postgres(ql)?:\/\//.test(url) && URL.canParse(url),
      'a PostgreSQL connection string such as postgres://user:password@host:5432/database',
    )
    .optional(),
  // A plain lower-case identifier, so it never needs quoting in `search_path` or in a `pg_dump --schema` argument.
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a schema name of lower-case letters, digits and _ such as invoice_desk')
    .default('invoice_desk'),
  // Long enough for a slow Slack to take a message (each one extends it), short enough that a dead replica's digest
  // is sent minutes late, not hours.
  SCHEDULE_LEASE_SECONDS: z.coerce
    .number({ error: 'a number of seconds' })
    .int('a whole number of seconds')
    .min(30, 'between 30 and 3600 seconds')
    .max(3600, 'between 30 and 3600 seconds')
    .default(300),
  // The most requests in flight and the most pieces of work per turn of the event loop (fewer while turns are busy):
  // enough to keep the CPU busy while some requests wait on the disk or the database (bench/phase-mixed.ts).
  HTTP_CONCURRENCY: z.coerce
    .number({ error: 'a number of requests' })
    .int('a whole number of requests')
    .min(1, 'between 1 and 1000')
    .max(1000, 'between 1 and 1000')
    .default(16),
});

const list = (v: string | undefined) => (v ? v.split(',') : []);

/**
 * Reads the environment (empty strings count as unset) and picks the mode: no tokens → console,
 * bot + app token → Socket Mode, bot token + signing secret → HTTP. Throws {@link ConfigError} naming the variable.
 */
export function loadConfig(env: Record<string, string | undefined>, argv: readonly string[] = []): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env)
      .filter(([, v]) => v !== undefined && v.trim() !== '')
      .map(([k, v]) => [k, v?.trim()]),
  );
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const shown = name.includes('TOKEN') || name.includes('SECRET') ? '' : ` (got "${redact(cleaned[name] ?? '')}")`;
    throw new ConfigError(
      `${name} must be ${issue?.message ?? 'valid'}${shown}. Fix it in the environment and start again.`,
    );
  }
  const e = parsed.data;
  const base = {
    apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
    port: e.PORT,
    dataDir: e.DATA_DIR ?? './data',
    dataDirGiven: e.DATA_DIR !== undefined,
    adminUsers: list(e.ADMIN_USERS),
    financeLeads: list(e.FINANCE_LEADS),
    ...(e.ESCALATION_CHANNEL ? { escalationChannel: e.ESCALATION_CHANNEL } : {}),
    announceChannels: list(e.ANNOUNCE_CHANNELS),
    timezone: e.BOT_TIMEZONE,
    language: e.BOT_LANGUAGE,
    ...(e.HEALTH_TOKEN ? { healthToken: e.HEALTH_TOKEN } : {}),
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    databaseSchema: e.DATABASE_SCHEMA,
    scheduleLeaseMs: e.SCHEDULE_LEASE_SECONDS * 1000,
    httpConcurrency: e.HTTP_CONCURRENCY,
  };
  if (argv.includes('--console') || (!e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET))
    return { mode: 'console', ...base };
  if (!e.SLACK_BOT_TOKEN)
    throw new ConfigError(
      'SLACK_BOT_TOKEN is missing: copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions, or unset the other Slack variables to use the console.',
    );
  if (e.SLACK_APP_TOKEN) return { mode: 'socket', botToken: e.SLACK_BOT_TOKEN, appToken: e.SLACK_APP_TOKEN, ...base };
  if (e.SLACK_SIGNING_SECRET)
    return { mode: 'http', botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, ...base };
  throw new ConfigError(
    'SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is missing: set SLACK_APP_TOKEN (xapp-…) for Socket Mode, or SLACK_SIGNING_SECRET for HTTP mode.',
  );
}
