import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { type RunningBot, startBot } from '../../src/main.js';
import { loadDemoData } from '../helpers/demo-data-dir.js';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.js';
import { ackedMessage, FORM, postSigned, slashCommand } from '../helpers/slack-requests.js';

const SECRET = 'test-signing-secret';
const TOKEN = 'xoxb-test-bot-token-12345';

// Issue 18 as Slack delivers it: the filing period on the card and `/invoice deadlines`, three working days before
// the November 2026 return is due (Friday 2026-12-11).
describe('filing periods over signed HTTP', () => {
  let fake: FakeSlackApi;
  let bot: RunningBot;
  let events: string;
  let dataDir: string;

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    dataDir = await mkdtemp(join(tmpdir(), 'invoice-desk-filing-'));
    await loadDemoData(dataDir);
    const config = loadConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${fake.url}/api/`,
      DATA_DIR: dataDir,
      FINANCE_LEADS: 'U0FIN',
      ESCALATION_CHANNEL: 'C0ESC',
    });
    const clock = createManualClock(new Date('2026-12-11T10:00:00+08:00'));
    bot = await startBot({ ...config, port: 0 }, { clock, log: () => {} });
    events = `http://127.0.0.1:${bot.port}/slack/events`;
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function command(text: string, name: string, user = 'U0HUMAN'): Promise<string> {
    const res = await postSigned(events, slashCommand(text, `${fake.url}/response/${name}`, user), FORM, SECRET);
    expect(res.status).toBe(200);
    return JSON.stringify(ackedMessage(res) ?? {});
  }

  it('the card names the direction, the return and the working days left', async () => {
    const card = await command('26112000000000100010', 'card');
    expect(card).toContain('issued by us (we are the seller)');
    expect(card).toContain('Counts toward the November 2026 return, due 2026-12-15 (3 working days left).');
  });

  it('/invoice deadlines answers everyone, with the missing count for finance only', async () => {
    const employee = await command('deadlines', 'deadlines-employee');
    expect(employee).toContain('Now: the November 2026 return, due 2026-12-15 — official · 3 working days left');
    expect(employee).not.toContain('Still missing');
    const finance = await command('申报期', 'deadlines-finance', 'U0FIN');
    expect(finance).toContain('2026年11月：');
  });

  it('the reminder before the deadline reached the escalation channel when the bot started', () => {
    const posts = fake.calls.filter((c) => c.method === 'chat.postMessage');
    expect(
      posts.some((c) => String(c.params.text ?? '').includes('⏰ The November 2026 return is due 2026-12-15')),
    ).toBe(true);
  });
});
