import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEMO_NOW } from '../../src/demo.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { startBot } from '../../src/main.js';
import { loadDemoData } from '../helpers/demo-data-dir.js';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.js';
import { FORM, postSigned, slashCommand } from '../helpers/slack-requests.js';

const SECRET = 'test-signing-secret';

describe('stopping the Slack bot', () => {
  let fake: FakeSlackApi | undefined;
  let dataDir: string | undefined;

  afterAll(async () => {
    await fake?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('writes the audit entries still buffered before it lets go of DATA_DIR', async () => {
    fake = await startFakeSlackApi();
    dataDir = await mkdtemp(join(tmpdir(), 'invoice-desk-audit-stop-'));
    await loadDemoData(dataDir);
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-bot-token-12345',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${fake.url}/api/`,
      DATA_DIR: dataDir,
    });
    const bot = await startBot({ ...config, port: 0 }, { clock: createManualClock(DEMO_NOW), log: () => {} });
    const events = `http://127.0.0.1:${bot.port}/slack/events`;
    await postSigned(events, slashCommand('26112000000000100010', `${fake.url}/response/a`), FORM, SECRET);
    await bot.stop();
    const files = await readdir(join(dataDir, 'audit'));
    const trail = (await Promise.all(files.map((f) => readFile(join(dataDir ?? '', 'audit', f), 'utf8')))).join('');
    expect(trail).toContain('"invoice":"26112000000000100010"');
  });
});
