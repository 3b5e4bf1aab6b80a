import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/lib/clocks.js';
import type { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { type HttpBot, SIGNING_SECRET as SECRET, startHttpBot } from '../helpers/http-bot.js';
import { ackedMessage, FORM, postSigned, slashCommand } from '../helpers/slack-requests.js';

// Issue 18 as Slack delivers it: the filing period on the card and `/invoice deadlines`, three working days before
// the November 2026 return is due (Friday 2026-12-11); and (point 7) the demo's deduction-selection export, imported
// with the demo data, on the card of each received invoice and in finance's reminder.
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

  it('deduction: an employee sees each state, amounts masked; a not-selected invoice near its deadline is urgent', async () => {
    const selected = await command('26112000000000100011', 'selected');
    expect(selected).toContain('Selected for deduction (已勾选) in the November 2026 period; deductible tax ¥ ••••');
    const locked = await command('26112000000000100004', 'locked');
    expect(locked).toContain('Locked by a pending red-letter form (红字锁定)');
    expect(locked).toContain('Nothing to do unless you did not expect a correction');
    const open = await command('26312000000000100015', 'open');
    expect(open).toContain('⏰ Not selected for deduction yet (未勾选)');
    expect(open).toContain('until 2026-12-15 (3 working days left)');
  });

  it('deduction: finance reads the amount and finance’s own next step', async () => {
    const selected = await command('26112000000000100011', 'selected-finance', 'U0FIN');
    // U0FIN asked in Chinese above (申报期), so the bot now answers them in Chinese.
    expect(selected).toContain('有效抵扣税额 ¥65.00');
    const locked = await command('26112000000000100004', 'locked-finance', 'U0FIN');
    expect(locked).toContain('财务：在平台上打开「红字发票信息确认单」');
  });

  it('deduction: the reminder that reached the escalation channel lists the invoices not selected yet', () => {
    const texts = fake.calls.filter((c) => c.method === 'chat.postMessage').map((c) => String(c.params.text ?? ''));
    const reminder = texts.find((t) => t.includes('not selected for deduction yet'));
    expect(reminder).toContain('26312000000000100015 — not selected (未勾选)');
    expect(reminder).toContain('26112000000000100004 — locked by a pending red-letter form (红字锁定)');
  });
});
