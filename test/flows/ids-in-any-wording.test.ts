import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

describe('ids in any wording (console transcripts)', () => {
  it.each([
    ['/invoice 代码 011002600111 号码 10000007'],
    ['/invoice 发票代码：011002600111 发票号码：10000007'],
    ['/invoice code 011002600111 number 10000007'],
  ])('looks up %s instead of calling the first word an unknown command', async (line) => {
    bot = await startConsole();
    const reply = await bot.say(line);
    expect(reply).toContain('011002600111 / 10000007');
    expect(reply).not.toMatch(/I don't know the command|我不认识命令/);
  });

  it('reads a request written as a sentence after /invoice, in Chinese and English', async () => {
    bot = await startConsole();
    expect(await bot.say('/invoice 请帮我查一下 26112000000000100008')).toContain('仍在正常的同步延迟内');
    expect(await bot.say('/invoice please check 26112000000000100008')).toContain('still inside the normal sync delay');
  });

  it('accepts the Slack form /invoice … for sub-commands too', async () => {
    bot = await startConsole();
    expect(await bot.say('/invoice help')).toContain('/invoice escalations');
    expect(await bot.say('/invoice frobnicate')).toContain('I don’t know the command “frobnicate”'.replace('’', "'"));
  });
});
