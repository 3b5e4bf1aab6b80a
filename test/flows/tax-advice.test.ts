import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

describe('tax advice that is right for China (console transcripts on demo data)', () => {
  it('explains that only paper invoices can be voided, and sends a received one back to its seller', async () => {
    bot = await startConsole();
    const en = await bot.say('011002500104 00412345');
    expect(en).toContain('Only paper invoices can be voided, and only in the month they were issued');
    expect(en).toContain('ask the seller to issue a new invoice');
    const zh = await bot.say('发票 011002500104 00412345 怎么查不到');
    expect(zh).toContain('只有纸质发票可以作废');
    expect(zh).toContain('请销售方重新开具');
  });

  it('has our finance team fix an invoice we issued to the wrong buyer, by red reversal', async () => {
    bot = await startConsole();
    expect(await bot.say('26112000000000100013')).toContain('our finance team red-reverses it and issues a new one');
    expect(await bot.say('发票 26112000000000100013 查不到')).toContain('由我方财务红冲后重新开给正确的购买方');
  });

  it('tells a finance lead what finance does with a 失控 invoice instead of "escalate to finance"', async () => {
    bot = await startConsole();
    expect(await bot.say('26442000000000200003')).toContain(
      'It cannot be deducted until the seller clears it with its tax office',
    );
    await bot.say(':as finance');
    const en = await bot.say('26442000000000200003');
    expect(en).toContain('Finance (失控 procedure): do not deduct it');
    expect(en).not.toContain('escalate');
    const zh = await bot.say('发票 26442000000000200003 怎么处理');
    expect(zh).toContain('财务（失控发票处理）：不得抵扣');
    expect(zh).not.toContain('请上报');
  });

  it('offers no deduction period for a received invoice that must not be deducted (失控, 异常), in both languages', async () => {
    bot = await startConsole();
    await bot.say(':as finance');
    for (const id of ['26442000000000200003', '26112000000000100004']) {
      const en = await bot.say(`where is ${id}?`);
      expect(en).toContain('Direction: received by us');
      expect(en).not.toContain('Filing period:');
      expect(en).not.toContain('can still be confirmed');
      const zh = await bot.say(`发票 ${id} 怎么处理`);
      expect(zh).not.toContain('所属期:');
      expect(zh).not.toContain('勾选确认');
    }
  });

  it('tells a finance lead what to do with an overdue invoice we issued', async () => {
    bot = await startConsole();
    await bot.say(':as finance');
    expect(await bot.say('26112000000000100010')).toContain('Finance: look for it in the platform’s 全量发票查询');
  });
});
