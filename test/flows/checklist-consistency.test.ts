import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, pick, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

describe('a walk-through that never contradicts itself (console transcripts)', () => {
  it('ends by naming the likely cause an earlier step found, in English', async () => {
    bot = await startConsole();
    await bot.say('26112000000000100010');
    const sync = await bot.say('1');
    expect(sync).toContain('Step 2/6 · Sync delay');
    const end = await bot.say(pick(sync, 'Next step'));
    expect(end).toContain('Step 2 (Sync delay) found the likely cause: It should be visible by now');
    expect(end).toContain('The other checks found nothing more.');
    expect(end).not.toContain('none of them explains it');
  });

  it('ends by naming the likely cause an earlier step found, in Chinese', async () => {
    bot = await startConsole();
    const sync = await bot.say('/invoice 排查 26112000000000100010');
    const end = await bot.say(pick(sync, '下一步'));
    expect(end).toMatch(/第 2 步（[^）]+）找到了可能的原因/);
    expect(end).toContain('其他检查没有发现更多问题');
  });

  it('does not call a buyer mismatch or a missing tax record "ledger and tax data agree"', async () => {
    bot = await startConsole();
    await bot.say('26112000000000100013');
    const buyer = await bot.say('1');
    expect(buyer).toContain('Step 3/6 · Entry error — ✅ Ruled out: the id matches our records');
    expect(buyer).not.toContain('ledger and tax data agree');
    const overdue = await bot.say('/invoice check 26112000000000100010');
    expect(overdue).not.toContain('ledger and tax data agree');
  });

  it('lets the user change the answer they gave, in both languages', async () => {
    bot = await startConsole();
    await bot.say('26112000000000100001');
    await bot.say('1');
    await bot.say('2026-11-11');
    const wrong = await bot.say('5300.00');
    expect(wrong).toContain('but it was issued on 2026-11-10');
    expect(await bot.say(pick(wrong, 'Change my answer'))).toContain('Which issue date do you search');
    await bot.say('2026-11-10');
    const right = await bot.say('5300.00');
    expect(right).toContain('Your search matches the record');
    const zh = await bot.say('/invoice 排查 01,32,,26112000000000100001,5300.00,20261110,,A1B2');
    expect(await bot.say(pick(zh, '修改我的回答'))).toContain('您在税务系统中用哪个开票日期查询');
  });
});
