import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '../../src/lib/clocks.js';
import type { FakeSlackApi, RecordedCall } from '../helpers/fake-slack-api.js';
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
    const open = await command('26112000000000100020', 'open');
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
    expect(reminder).toContain('26112000000000100020 — not selected (未勾选)');
    // Bought by our Shanghai branch, which selects it in its own 抵扣类勾选: not on our finance's list.
    expect(reminder).not.toContain('26312000000000100015');
    expect(reminder).toContain('26112000000000100004 — locked by a pending red-letter form (红字锁定)');
  });
});

// Points 4 and 5 as Slack delivers them: an escalation filed while the November return (due Tuesday 2026-12-15) is
// far turns urgent as the deadline nears, the requester is reminded before it, and one filed on the deadline day has
// its SLA capped at the deadline minus the 4-hour margin.
describe('an escalation as its filing deadline nears, over signed HTTP', () => {
  let fake: FakeSlackApi;
  let events: string;
  let http: HttpBot;
  let clock: ManualClock;

  beforeAll(async () => {
    clock = createManualClock(new Date('2026-12-09T10:00:00+08:00'));
    http = await startHttpBot({ FINANCE_LEADS: 'U0FIN', ESCALATION_CHANNEL: 'C0ESC' }, clock);
    ({ fake, events } = http);
  });

  afterAll(async () => {
    await http?.close();
  });

  const textsOf = (method: string, match: (c: RecordedCall) => boolean = () => true) =>
    fake
      .callsTo(method)
      .filter(match)
      .map((c) => `${String(c.params.text)} ${JSON.stringify(c.params.blocks ?? '')}`);
  const inChannel = (c: RecordedCall) => c.params.channel === 'C0ESC';

  async function escalate(text: string, name: string): Promise<string> {
    const res = await postSigned(events, slashCommand(text, `${fake.url}/response/${name}`, 'U0DEMOEMP'), FORM, SECRET);
    expect(res.status).toBe(200);
    return JSON.stringify(ackedMessage(res) ?? (await fake.waitForPath(`/response/${name}`)).params);
  }

  it('files normally five working days before the deadline', async () => {
    expect(await escalate('escalate 26112000000000100010 needed for the return', 'far')).toContain(
      'I have escalated this to finance as ESC-20261209-001',
    );
    const [post] = textsOf(
      'chat.postMessage',
      (c) => inChannel(c) && !c.params.thread_ts && String(c.params.text).includes('ESC-'),
    );
    expect(post).toContain('ESC-20261209-001');
    expect(post).not.toContain('Urgent automatically');
  });

  it('turns urgent once, three working days before, with the reason on the post and a note in its thread', async () => {
    clock.set(new Date('2026-12-11T09:00:00+08:00'));
    await http.bot.tick?.();
    await http.bot.tick?.();
    const reason =
      '⏰ Urgent automatically: it became urgent when 3 working day(s) were left before the November 2026 return is due (2026-12-15).';
    expect(textsOf('chat.update', inChannel).at(-1)).toContain(reason);
    const notes = textsOf('chat.postMessage', (c) => inChannel(c) && Boolean(c.params.thread_ts)).filter((t) =>
      t.includes('urgent now'),
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(reason);
    // Normal resolution was due Friday 10:00; urgent from now (18:00) would be later, so it stays.
    expect(notes[0]).toContain('resolution now due by 2026-12-11 10:00');
  });

  it('reminds finance and the requester of the missing invoice at the digest time, once', async () => {
    clock.set(new Date('2026-12-11T10:00:00+08:00'));
    await http.bot.tick?.();
    await http.bot.tick?.();
    const toFinance = textsOf('chat.postMessage', inChannel).filter((t) => t.includes('⏰ The November 2026 return'));
    expect(toFinance).toHaveLength(1);
    expect(toFinance[0]).toContain(
      '• 26112000000000100010 — issued by us (we are the seller) — <@UDEMOEMP> — ESC-20261209-001',
    );
    const toRequester = textsOf('chat.postMessage', (c) => c.params.channel === 'UDEMOEMP').filter((t) =>
      t.includes('⏰'),
    );
    expect(toRequester).toHaveLength(1);
    expect(toRequester[0]).toContain(
      '⏰ The November 2026 return is due 2026-12-15 (3 working days left), and your invoice(s) 26112000000000100010 are still missing from the tax data.',
    );
  });

  it('on the deadline day files urgent automatically, its targets no later than the deadline minus the margin', async () => {
    clock.set(new Date('2026-12-15T09:00:00+08:00'));
    const ack = await escalate('escalate 26112000000000100012 wrong total', 'deadline-day');
    expect(ack).toContain('ESC-20261215-001');
    const post = textsOf('chat.postMessage', (c) => inChannel(c) && !c.params.thread_ts).find((t) =>
      t.includes('ESC-20261215-001'),
    );
    expect(post).toContain(
      '⏰ Urgent automatically: filed when 1 working day(s) were left before the November 2026 return is due (2026-12-15).',
    );
    // Urgent: first response in 1 business hour; resolution in 9 (18:00), capped at 18:00 − 4 h.
    expect(post).toContain('SLA: first response by 2026-12-15 10:00, resolution by 2026-12-15 14:00');
  });
});
