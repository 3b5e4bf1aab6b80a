import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

describe('red invoices both ways (console transcripts on demo data)', () => {
  it('says which blue invoice a red invoice reverses, from its 备注, in both languages', async () => {
    bot = await startConsole();
    const en = await bot.say('26312000000000012399');
    expect(en).toContain('This is a red-letter (negative) invoice: it reverses 26312000000000012345.');
    expect(en).not.toContain('Ask finance to record it in the ERP');
    expect(await bot.say('红字发票 26312000000000012399 是什么')).toContain('冲销的蓝字发票是 26312000000000012345');
  });

  it('shows a partially reversed invoice’s red amount and what remains, in both languages', async () => {
    bot = await startConsole();
    expect(await bot.say('26112000000000100002')).toContain('Reversed: -¥5,650.00; remaining: ¥16,950.00.');
    expect(await bot.say('发票 26112000000000100002 部分红冲了吗')).toContain('已冲销 -¥5,650.00，剩余 ¥16,950.00。');
  });

  it('names the red invoice of a fully reversed one', async () => {
    bot = await startConsole();
    expect(await bot.say('26312000000000012345')).toContain('Reversed by 26312000000000012399.');
  });
});
