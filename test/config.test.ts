import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const bot = 'xoxb-1-2-abc';
const app = 'xapp-1-A1-2-def';

describe('loadConfig', () => {
  it('chooses the console when no Slack tokens are set, with documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      mode: 'console',
      port: 3000,
      dataDir: './data',
      timezone: 'Asia/Shanghai',
      language: 'en',
      apiUrl: 'https://slack.com/api/',
    });
  });

  it('chooses Socket Mode with a bot and an app token, and HTTP mode with a signing secret', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: bot, SLACK_APP_TOKEN: app }).mode).toBe('socket');
    expect(loadConfig({ SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: 'secret-123' }).mode).toBe('http');
  });

  it('forces the console with --console even when tokens are set', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: bot, SLACK_APP_TOKEN: app }, ['--console']).mode).toBe('console');
  });

  it('reads the lists and options', () => {
    const c = loadConfig({
      ADMIN_USERS: 'U1ADMIN,U2ADMIN',
      FINANCE_LEADS: 'U3FIN',
      ESCALATION_CHANNEL: 'C0ESC',
      ANNOUNCE_CHANNELS: 'C01ANN,C02ANN',
      BOT_LANGUAGE: 'zh',
      BOT_TIMEZONE: 'Asia/Urumqi',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
      PORT: '8080',
      DATA_DIR: '/srv/invoice',
    });
    expect(c).toMatchObject({
      adminUsers: ['U1ADMIN', 'U2ADMIN'],
      financeLeads: ['U3FIN'],
      escalationChannel: 'C0ESC',
      announceChannels: ['C01ANN', 'C02ANN'],
      language: 'zh',
      timezone: 'Asia/Urumqi',
      apiUrl: 'http://127.0.0.1:9/api/',
      port: 8080,
      dataDir: '/srv/invoice',
      dataDirGiven: true,
    });
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be/],
    [{ PORT: '70000' }, /^PORT must be between 1 and 65535/],
    [{ BOT_LANGUAGE: 'fr' }, /^BOT_LANGUAGE must be en or zh/],
    [{ BOT_TIMEZONE: 'Mars/Olympus' }, /^BOT_TIMEZONE must be an IANA time zone/],
    [{ ADMIN_USERS: 'alice' }, /^ADMIN_USERS must be comma-separated Slack user ids/],
    [{ ESCALATION_CHANNEL: '#finance' }, /^ESCALATION_CHANNEL must be a Slack channel id/],
    [{ SLACK_BOT_TOKEN: 'xoxp-user' }, /^SLACK_BOT_TOKEN must be a bot token/],
    [{ SLACK_BOT_TOKEN: bot }, /^SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is missing/],
    [{ SLACK_APP_TOKEN: app }, /^SLACK_BOT_TOKEN is missing/],
    [{ SLACK_API_URL: 'not a url' }, /^SLACK_API_URL must be a URL/],
    [{ DATABASE_URL: 'mysql://root@localhost/test' }, /^DATABASE_URL must be a PostgreSQL connection string/],
    [{ DATABASE_SCHEMA: 'Invoice-Desk' }, /^DATABASE_SCHEMA must be a schema name/],
  ])('names the bad setting in %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes a token value in its message', () => {
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxp-secret-value' });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('secret-value');
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '', PORT: ' ' }).mode).toBe('console');
  });

  it('reads DATABASE_URL and the schema, invoice_desk by default; lowdb when unset', () => {
    expect(loadConfig({})).toMatchObject({ databaseSchema: 'invoice_desk' });
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(
      loadConfig({ DATABASE_URL: 'postgresql://bot@127.0.0.1:5432/test', DATABASE_SCHEMA: 'desk_staging' }),
    ).toMatchObject({ databaseUrl: 'postgresql://bot@127.0.0.1:5432/test', databaseSchema: 'desk_staging' });
  });

  it('reads HTTP_CONCURRENCY, 16 by default, and refuses one outside 1..1000', () => {
    expect(loadConfig({}).httpConcurrency).toBe(16);
    expect(loadConfig({ HTTP_CONCURRENCY: '4' }).httpConcurrency).toBe(4);
    expect(() => loadConfig({ HTTP_CONCURRENCY: '0' })).toThrow(
      'HTTP_CONCURRENCY must be between 1 and 1000 (got "0")',
    );
    expect(() => loadConfig({ HTTP_CONCURRENCY: 'many' })).toThrow('HTTP_CONCURRENCY must be a number of requests');
  });

  it('reads SCHEDULE_LEASE_SECONDS, five minutes by default, and refuses one outside 30..3600 seconds', () => {
    expect(loadConfig({}).scheduleLeaseMs).toBe(300_000);
    expect(loadConfig({ SCHEDULE_LEASE_SECONDS: '90' }).scheduleLeaseMs).toBe(90_000);
    expect(() => loadConfig({ SCHEDULE_LEASE_SECONDS: '5' })).toThrow(
      'SCHEDULE_LEASE_SECONDS must be between 30 and 3600 seconds (got "5")',
    );
  });

  it('never echoes the password of a bad DATABASE_URL', () => {
    const bad = 'postgres://bot:hunter2-p@ss@db.internal:5432/invoices?sslmode=verify';
    expect(() => loadConfig({ DATABASE_URL: bad.replace('postgres', 'postgress') })).toThrow(
      'got "postgress://bot:[redacted]@db.internal:5432/invoices?sslmode=verify"',
    );
  });
});
