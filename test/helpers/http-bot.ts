import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { type RunningBot, startBot } from '../../src/main.js';
import type { Clock } from '../../src/ports.js';
import { loadDemoData } from './demo-data-dir.js';
import { type FakeSlackApi, type Overrides, startFakeSlackApi } from './fake-slack-api.js';

/** The signing secret every HTTP bot started here checks requests against. */
export const SIGNING_SECRET = 'test-signing-secret';

/** A real bot in HTTP mode, its fake Slack Web API and its data folder, stopped and removed together. */
export type HttpBot = { fake: FakeSlackApi; bot: RunningBot; events: string; dataDir: string; close(): Promise<void> };

/**
 * Starts the real composition in HTTP mode on a free port, on a fresh copy of the demo data, talking to a fresh fake
 * Slack Web API. `env` adds settings (finance leads, channels…) to the tokens and folders this sets; `overrides`
 * changes what the fake answers (a Web API call that fails, say).
 */
export async function startHttpBot(
  env: Record<string, string>,
  clock: Clock,
  overrides: Overrides = {},
): Promise<HttpBot> {
  const fake = await startFakeSlackApi(overrides);
  const dataDir = await mkdtemp(join(tmpdir(), 'invoice-desk-http-'));
  await loadDemoData(dataDir);
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-bot-token-12345',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${fake.url}/api/`,
    DATA_DIR: dataDir,
    ...env,
  });
  const bot = await startBot({ ...config, port: 0 }, { clock, log: () => {} });
  return {
    fake,
    bot,
    dataDir,
    events: `http://127.0.0.1:${bot.port}/slack/events`,
    close: async () => {
      await bot.stop();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
