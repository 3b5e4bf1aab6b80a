import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, pick, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

// Demo invoices: 26312000000000100015 went to our Shanghai branch; 26112000000000100008 is inside its sync delay (and
// issued just before the window below); 26112000000000100013 is a 数电 invoice we issued to the wrong buyer;
// 26112000000000100001 is visible and normal.
const WINDOW = 'notice schedule 2026-11-27T16:00..2026-11-27T18:00 issuing,delivery E-invoice platform upgrade';

describe('a finance lead reads what finance does next on every card (console transcripts)', () => {
  it('names the other-region entity’s tax bureau and the way back to Beijing, in both languages', async () => {
    bot = await startConsole();
    expect(await bot.say('26312000000000100015')).toContain('ask that entity’s finance team');
    await bot.say(':as finance');
    const en = await bot.say('26312000000000100015');
    expect(en).toContain(
      'Finance: it is in the tax account of our entity registered in 上海市浦东新区, under that region’s tax bureau',
    );
    expect(en).toContain('ask the seller to issue a red invoice (an electronic invoice cannot be voided)');
    expect(en).not.toContain('ask that entity’s finance team');
    const zh = await bot.say('发票 26312000000000100015 查不到');
    expect(zh).toContain('财务：它在我方注册在上海市浦东新区的主体的税务账户里，归当地税务局管理');
    expect(zh).toContain('请销售方开具红字发票（电子发票不能作废）');
  });

  it('says when to re-import the tax export for an invoice inside its sync delay, in both languages', async () => {
    bot = await startConsole();
    await bot.say(':as finance');
    const en = await bot.say('26112000000000100008');
    expect(en).toContain('Finance: nothing to do yet — it should reach the platform by 2026-11-27 15:30');
    expect(en).toContain('run `/invoice sync` to re-import it');
    const zh = await bot.say('发票 26112000000000100008 查不到');
    expect(zh).toContain('财务：暂时无需处理——预计 2026-11-27 15:30 前到达平台');
    expect(zh).toContain('执行 `/invoice 同步` 重新导入');
  });

  it('tells finance to check the platform after a maintenance window, not to escalate, in Chinese', async () => {
    bot = await startConsole();
    await bot.say(':as admin');
    await bot.say(WINDOW);
    await bot.say('1');
    await bot.say(':clock +1h');
    const zh = await bot.say('发票 26112000000000100008 查不到');
    expect(zh).toContain('财务：2026-11-27 20:00 之前无需处理——平台正在维护。之后请在平台的全量发票查询中查找');
    expect(zh).toContain('查不到就核对开票记录并重新开具');
    expect(zh).not.toContain('之后仍查不到请上报');
  });

  it('ends a walk-through that found nothing with finance’s step, not “escalate”, in both languages', async () => {
    bot = await startConsole();
    await bot.say(':as finance');
    const en = await bot.say(pick(await bot.say('/invoice check 26112000000000100001'), 'Skip this step'));
    expect(en).toContain('All checks are done and none of them explains it. Finance: nothing to fix');
    expect(en).not.toContain('escalate and finance will look into it');
    // A fresh console: the English walk-through of the same invoice is still open and would be resumed.
    await bot.quit();
    bot = await startConsole();
    await bot.say(':as finance');
    const started = await bot.say('/invoice 排查 26112000000000100001');
    const zh = await bot.say(pick(started, '跳过此步'));
    expect(zh).toContain('所有检查都已完成，都不能解释这个问题。财务：无需更正');
    expect(zh).not.toContain('请上报，财务会跟进');
  });
});

describe('an escalation post gives finance the fix the invoice’s medium allows', () => {
  it('has an electronic invoice we issued red-reversed, never voided, in English', async () => {
    bot = await startConsole();
    const filed = await bot.say('/invoice escalate 26112000000000100013');
    const post = filed.slice(filed.indexOf('[#C0ESCALATIONS]'), filed.indexOf('SLA:'));
    expect(post).toContain('Finance: red-reverse it (红字发票信息确认单; an electronic invoice cannot be voided)');
    expect(post).not.toContain('month of issue');
  });

  it('has an electronic invoice we issued red-reversed, never voided, in Chinese', async () => {
    bot = await startConsole({ BOT_LANGUAGE: 'zh' });
    const filed = await bot.say('/invoice 上报 26112000000000100013');
    const post = filed.slice(filed.indexOf('[#C0ESCALATIONS]'));
    expect(post).toContain('财务：请红冲（填开红字发票信息确认单；电子发票不能作废）');
    expect(post).not.toContain('当月');
  });
});
