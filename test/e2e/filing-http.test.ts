import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/lib/clocks.js';
import type { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { type HttpBot, SIGNING_SECRET as SECRET, startHttpBot } from '../helpers/http-bot.js';
import { ackedMessage, FORM, postSigned, slashCommand } from '../helpers/slack-requests.js';

// Issue 18 as Slack delivers it: the filing period on the card and `/invoice deadlines`, three working days before
// the November 2026 return is due (Friday 2026-12-11).
describe('filing periods over signed HTTP', () => {
  let fake: FakeSlackApi;
  let events: string;
  let http: HttpBot;

  beforeAll(async () => {
    const clock = createManualClock(new Date('2026-12-11T10:00:00+08:00'));
    http = await startHttpBot({ FINANCE_LEADS: 'U0FIN', ESCALATION_CHANNEL: 'C0ESC' }, clock);
    ({ fake, events } = http);
  });

  afterAll(async () => {
    await http?.close();
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
