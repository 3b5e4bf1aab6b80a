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
    const card = await bot.say('26112000000000100020');
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
    const received = await bot.say('26112000000000100020');
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

// 26112000000000100020 is the demo's November invoice the Beijing entity received (issued 2026-11-24); with the clock
// set back to 2026-11-13 the October return (due 2026-11-16) is still being prepared, so November invoices cannot be
// selected for deduction yet. (The earlier November invoice 26312000000000100015 went to our Shanghai branch: the
// Beijing entity selects it in no period, see below.)
describe('an invoice received in the current month, before the current period is filed', () => {
  const RECEIVED = '26112000000000100020';

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

// 26312000000000100015 was bought by our Shanghai branch (北京示例科技有限公司上海分公司), another entity: its diagnosis says
// that entity deducts it, so neither its filing line nor its deduction line may tell our finance to select it.
describe('an invoice another of our entities bought (console transcripts on demo data)', () => {
  const BRANCH_INVOICE = '26312000000000100015';
  const BRANCH = '北京示例科技有限公司上海分公司';

  it('tells a finance lead that the branch selects it, not us', async () => {
    bot = await startConsole();
    await bot.say(':as finance');
    const card = await bot.say(BRANCH_INVOICE);
    expect(card).toContain('the Beijing entity cannot deduct it');
    expect(card).toContain(
      `Filing period: Not in our deduction period: ${BRANCH}, our entity in 上海市浦东新区, confirms it for deduction in its own period under its own tax bureau.`,
    );
    expect(card).toContain(
      `Finance: not ours to select — ${BRANCH}'s finance selects it in its own 抵扣类勾选 (the Beijing entity cannot deduct it).`,
    );
    expect(card).not.toContain('Finance: select it in 抵扣类勾选');
    expect(card).not.toContain('Can be confirmed for deduction');
    expect(card).not.toContain('it can be selected in the November 2026 period');
    // The walk-through's deduction step says the same.
    const walk = await bot.say(`/invoice check ${BRANCH_INVOICE}`);
    expect(walk).toContain(`🗓 Not in our deduction period: ${BRANCH}`);
    expect(walk).not.toContain('Finance: select it in 抵扣类勾选');
  });

  it('tells an employee the branch’s finance selects it, naming no tax id in those lines', async () => {
    bot = await startConsole();
    const card = await bot.say(BRANCH_INVOICE);
    const lines = card.split('\n').filter((l) => l.startsWith('Filing period:') || l.startsWith('Deduction (勾选):'));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${BRANCH}'s finance team selects it for deduction; nothing to do for you here.`);
    expect(lines[1]).not.toContain('Finance selects it for deduction before the deadline');
    for (const line of lines) expect(line).not.toMatch(/91310115MA0BRNCH2L|91110105MA01ABCD5F/);
  });

  it('says the same in Chinese', async () => {
    bot = await startConsole();
    await bot.say(':as finance');
    await bot.say('/invoice lang zh');
    const card = await bot.say(BRANCH_INVOICE);
    expect(card).toContain('北京主体不能抵扣');
    expect(card).toContain(
      `所属期: 不计入我方的抵扣所属期：由我方在上海市浦东新区的主体${BRANCH}在其自己的所属期、向当地税务局勾选确认抵扣。`,
    );
    expect(card).toContain(`财务：无需我方勾选——由${BRANCH}的财务在其自己的「抵扣类勾选」中勾选（北京主体不能抵扣）。`);
    expect(card).not.toContain('在平台「抵扣类勾选」中勾选这张发票');
    expect(card).not.toContain('可在2026年11月所属期勾选');
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
