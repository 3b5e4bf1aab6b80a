import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, pick, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

// The demo's voided 011002500104 00412345 is one we received (our tax id is its buyer's); 26442000000000200003 is 失控
// and 26112000000000100004 异常.
describe('advice follows direction and reader beyond the lookup card (console transcripts)', () => {
  it('sends an employee walking through a received invoice to its seller, in English', async () => {
    bot = await startConsole();
    const card = await bot.say('011002500104 00412345');
    const walk = await bot.say(pick(card, 'Troubleshoot'));
    expect(walk).toContain('Step 5/6');
    expect(walk).toContain('ask the seller to issue a new invoice');
    expect(walk).not.toContain('ask finance');
  });

  it('sends an employee walking through a received invoice to its seller, in Chinese', async () => {
    bot = await startConsole();
    const walk = await bot.say('/invoice 排查 011002500104 00412345');
    expect(walk).toContain('第 5/6 步');
    expect(walk).toContain('请销售方重新开具');
    expect(walk).not.toContain('请联系财务');
  });

  it('tells finance the 失控 procedure in the escalation post, not "escalate"', async () => {
    bot = await startConsole();
    const filed = await bot.say('/invoice escalate 26442000000000200003');
    const post = filed.slice(filed.indexOf('[#C0ESCALATIONS]'), filed.indexOf('SLA:'));
    expect(post).toContain('Finance (失控 procedure): do not deduct it');
    expect(post).not.toMatch(/escalate/i);
  });

  it('tells finance the 异常凭证 procedure in a Chinese escalation post, not 上报', async () => {
    bot = await startConsole({ BOT_LANGUAGE: 'zh' });
    const filed = await bot.say('/invoice 上报 26112000000000100004');
    const post = filed.slice(filed.indexOf('[#C0ESCALATIONS]'));
    expect(post).toContain('财务（异常凭证，国家税务总局公告2019年第38号）：尚未抵扣的不得抵扣');
    expect(post).not.toContain('请上报');
    expect(post).not.toContain('上报财务。');
  });

  it('tells finance where to look for an invoice in none of our records, in both languages', async () => {
    bot = await startConsole();
    const en = await bot.say('/invoice escalate 26112000000000999999');
    expect(en).toContain('Finance: look for it in the platform’s 全量发票查询 (and the ERP)');
    expect(en).not.toContain('or escalate to finance');
    await bot.quit();
    bot = await startConsole({ BOT_LANGUAGE: 'zh' });
    const zh = await bot.say('/invoice 上报 26112000000000999998');
    expect(zh).toContain('财务：请在平台的全量发票查询（及 ERP）中查找');
    expect(zh).not.toContain('或上报财务');
  });
});
