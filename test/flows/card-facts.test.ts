import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

describe('what the card shows from the tax export (console transcripts)', () => {
  it('shows the 发票风险等级 when the export has one, in both languages', async () => {
    bot = await startConsole();
    expect(await bot.say('26112000000000100001')).toContain('Risk level (发票风险等级): 正常');
    expect(await bot.say('发票 26112000000000100001 在哪')).toContain('发票风险等级: 正常');
  });

  it('shows no risk line for an invoice the tax data does not have', async () => {
    bot = await startConsole();
    expect(await bot.say('26112000000000100010')).not.toContain('发票风险等级');
  });
});

describe('places by name (console transcripts on demo data)', () => {
  it('names the branch’s region from the tax id’s GB/T 2260 code, in both languages', async () => {
    bot = await startConsole();
    expect(await bot.say('26312000000000100015')).toContain('registered in 上海市浦东新区 (310115)');
    expect(await bot.say('发票 26312000000000100015 在哪')).toContain('注册在上海市浦东新区（310115）的分支机构');
  });
});
