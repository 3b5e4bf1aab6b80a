import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

// The demo clock starts on Friday 2026-11-27 15:00; the November return is due Tuesday 2026-12-15.
describe('every answer names its filing period (console transcripts on demo data)', () => {
  it('the card of an invoice we issued says so, and which return it counts toward with the working days left', async () => {
    bot = await startConsole();
    const card = await bot.say('26112000000000100010');
    expect(card).toContain('Direction: issued by us (we are the seller)');
    expect(card).toContain('Counts toward the November 2026 return, due 2026-12-15 (13 working days left).');
    await bot.say(':clock 2026-12-09T10:00+08:00');
    expect(await bot.say('26112000000000100010')).toContain('due 2026-12-15 (5 working days left)');
    await bot.say(':clock 2026-12-16T10:00+08:00');
    expect(await bot.say('26112000000000100010')).toContain(
      'Counted toward the November 2026 return, due 2026-12-15 (the deadline has passed).',
    );
  });

  it('the card of an invoice we received gives the deduction period and its end', async () => {
    bot = await startConsole();
    const card = await bot.say('26312000000000100015');
    expect(card).toContain('Direction: received by us (we are the buyer)');
    expect(card).toContain(
      'Can be confirmed for deduction in the November 2026 period until 2026-12-15 (13 working days left); after that it moves to a later period.',
    );
  });

  it('says the same in Chinese', async () => {
    bot = await startConsole();
    await bot.say('/invoice lang zh');
    const issued = await bot.say('26112000000000100010');
    expect(issued).toContain('计入2026年11月的申报，申报截止 2026-12-15（还剩 13 个工作日）。');
    const received = await bot.say('26312000000000100015');
    expect(received).toContain('我方取得（我方为购买方）');
    expect(received).toContain('可在2026年11月所属期勾选确认抵扣，截止 2026-12-15（还剩 13 个工作日）');
  });

  it('the walk-through names the period and the deadline first', async () => {
    bot = await startConsole();
    const walk = await bot.say('/invoice check 26112000000000100010');
    expect(walk).toContain('🗓 Counts toward the November 2026 return, due 2026-12-15 (13 working days left).');
  });

  it('an invoice that is not ours, or was never issued, names no period', async () => {
    bot = await startConsole();
    expect(await bot.say('26112000000000100005')).not.toContain('Filing period');
  });

  it('says the direction whenever it is known, also for an invoice that belongs to no return', async () => {
    bot = await startConsole();
    // Pending review in the ERP: never issued, so no return, but we are its seller.
    const pending = await bot.say('26112000000000100005');
    expect(pending).toContain('Direction: issued by us (we are the seller)');
    // A voided paper invoice we received: no return, but we are its buyer.
    const voided = await bot.say('011002500104 00412345');
    expect(voided).toContain('Direction: received by us (we are the buyer)');
    expect(voided).not.toContain('Filing period');
    await bot.say('/invoice lang zh');
    const zh = await bot.say('26112000000000100005');
    expect(zh).toContain('方向: 我方开具（我方为销售方）');
    expect(zh).not.toContain('所属期: ');
  });
});

// 26312000000000100015 was received (by our Shanghai branch) on 2026-11-12; with the clock on 2026-11-13 the October
// return (due 2026-11-16) is still being prepared, so November invoices cannot be selected for deduction yet.
describe('an invoice received in the current month, before the current period is filed', () => {
  const RECEIVED = '26312000000000100015';

  it('is not selectable until the current return is filed, on the card and in the walk-through', async () => {
    bot = await startConsole();
    await bot.say(':clock 2026-11-13T10:00+08:00');
    const waits =
      'Not selectable until the October 2026 return is filed (due 2026-11-16); then it can be confirmed for deduction in the November 2026 period until 2026-12-15.';
    expect(await bot.say(RECEIVED)).toContain(`Filing period: ${waits}`);
    expect(await bot.say(`/invoice check ${RECEIVED}`)).toContain(`🗓 ${waits}`);
    // An invoice we issued in the same month is not selected by anyone: it just counts toward its return.
    const issued = await bot.say('26112000000000100001');
    expect(issued).toContain('Counts toward the November 2026 return, due 2026-12-15');
    expect(issued).not.toContain('Not selectable');
  });

  it('waits through the deadline day and is selectable the day after', async () => {
    bot = await startConsole();
    await bot.say(':clock 2026-11-16T17:00+08:00');
    expect(await bot.say(RECEIVED)).toContain('Not selectable until the October 2026 return is filed');
    await bot.say(':clock 2026-11-17T09:00+08:00');
    const open = await bot.say(RECEIVED);
    expect(open).not.toContain('Not selectable');
    expect(open).toContain('Can be confirmed for deduction in the November 2026 period until 2026-12-15');
  });

  it('says the same in Chinese', async () => {
    bot = await startConsole();
    await bot.say('/invoice lang zh');
    await bot.say(':clock 2026-11-13T10:00+08:00');
    expect(await bot.say(RECEIVED)).toContain(
      '所属期: 须待2026年10月申报完成（截止 2026-11-16）后才能勾选；之后可在2026年11月所属期勾选抵扣，截止 2026-12-15。',
    );
    expect(await bot.say(`/invoice check ${RECEIVED}`)).toContain(
      '🗓 须待2026年10月申报完成（截止 2026-11-16）后才能勾选',
    );
  });
});

// 26112000000000100020 was received in November and is not selected for deduction yet: the demo's invoice near its
// deadline. 26112000000000100010, issued in November, is still missing from the tax data.
describe('as the deadline nears (console transcripts on demo data)', () => {
  it('an escalation filed early turns urgent three working days before, with the reason, and the reminders go out', async () => {
    bot = await startConsole();
    await bot.say(':clock 2026-12-09T10:00+08:00');
    expect(await bot.say('/invoice escalate 26112000000000100020 the paper supplier says it was issued')).toContain(
      'I have escalated this to finance as ESC-20261209-001',
    );
    const moved = await bot.say(':clock 2026-12-11T10:00+08:00');
    const reason =
      '⏰ Urgent automatically: it became urgent when 3 working day(s) were left before the November 2026 return is due (2026-12-15).';
    expect(moved).toContain(
      `[#C0ESCALATIONS ✎ edited]\n  ESC-20261209-001 · invoice 26112000000000100020 — Open · ⚡ Urgent`,
    );
    expect(moved).toContain(
      `[#C0ESCALATIONS ↳ thread]\n  ${reason} The filing deadline is close, so this is urgent now`,
    );
    expect(moved).toContain(
      '⏰ The November 2026 return is due 2026-12-15 (3 working days left): 1 invoice(s) of the period are still missing from the tax data.',
    );
    expect(moved).toContain('• 26112000000000100020 — not selected (未勾选) — @UDEMOEMP');
    expect(moved).toContain(
      '[DM UDEMOEMP]\n  ⏰ The November 2026 return is due 2026-12-15 (3 working days left), and your invoice(s) 26112000000000100010 are still missing',
    );
    // The card near the deadline: ⏰ and finance's step for a finance lead.
    await bot.say(':as finance');
    expect(await bot.say('26112000000000100020')).toContain(
      'Finance: select it in 抵扣类勾选 on the platform before 2026-12-15',
    );
    // A later tick does not raise or note it again.
    const later = await bot.say(':clock 2026-12-14T10:00+08:00');
    expect(later).not.toContain('urgent now');
  });

  it('says the same in Chinese', async () => {
    bot = await startConsole({ BOT_LANGUAGE: 'zh' });
    await bot.say(':clock 2026-12-09T10:00+08:00');
    await bot.say('/invoice escalate 26112000000000100020 纸业公司说已经开具');
    const moved = await bot.say(':clock 2026-12-11T10:00+08:00');
    expect(moved).toContain(
      '⏰ 自动转为紧急：当时距2026年11月的申报截止日（2026-12-15）仅剩 3 个工作日。 申报截止日临近，此上报已转为紧急',
    );
    expect(moved).toContain('⏰ 2026年11月的申报截止 2026-12-15（还剩 3 个工作日）：本期仍有 1 张发票不在税务数据中。');
    expect(moved).toContain(
      '[DM UDEMOEMP]\n  ⏰ 2026年11月的申报截止 2026-12-15（还剩 3 个工作日），你的发票 26112000000000100010 仍不在税务数据中。',
    );
  });
});

describe('/invoice deadlines (申报期)', () => {
  it('shows the current and next deadlines, official or provisional, with working days left', async () => {
    bot = await startConsole();
    const reply = await bot.say('/invoice deadlines');
    expect(reply).toContain('• Now: the November 2026 return, due 2026-12-15 — official · 13 working days left');
    expect(reply).toContain('• Next: the December 2026 return, due 2027-01-15 — provisional');
    // Employees do not get finance's count of missing invoices.
    expect(reply).not.toContain('Still missing');
  });

  it('gives finance the count of missing invoices per period, by direction, and answers the Chinese alias', async () => {
    bot = await startConsole();
    await bot.say(':as finance');
    const en = await bot.say('/invoice deadlines');
    // 26112000000000100010 is overdue; 26112000000000100009's issue day is not in the tax data yet, so by the card's
    // rule it is not missing yet.
    expect(en).toContain('• November 2026: 1 invoice(s) — 1 issued, 0 received');
    expect(en).toContain('• December 2026: 0 invoice(s) — 0 issued, 0 received');
    const zh = await bot.say('/invoice 申报期');
    expect(zh).toContain('• 本期：2026年11月的申报，截止 2026-12-15 —— 官方公布 · 还剩 13 个工作日');
    expect(zh).toContain('• 2026年11月：1 张 —— 开具 1 张，取得 0 张');
  });

  it('is listed in help and explained by help deadlines', async () => {
    bot = await startConsole();
    expect(await bot.say('/invoice help')).toContain('`/invoice deadlines` (`申报期`)');
    expect(await bot.say('/invoice help deadlines')).toContain('official or provisional');
  });
});
