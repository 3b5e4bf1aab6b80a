import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

// A window under way since 14:00 on the demo day; the demo clock stands at 15:00.
const ACTIVE = 'notice schedule 2026-11-27T14:00..2026-11-27T18:00 issuing,delivery started E-invoice platform upgrade';

describe('maintenance windows explain only what they explain (console transcripts)', () => {
  it('keeps the README’s overdue invoice …100010 overdue during an active window, with the window as a banner', async () => {
    bot = await startConsole();
    await bot.say(':as admin');
    await bot.say(ACTIVE);
    await bot.say('1');
    await bot.say(':as employee');
    const card = await bot.say('26112000000000100010');
    expect(card).toContain('Maintenance in progress: E-invoice platform upgrade');
    expect(card).toContain('It should be visible by now, but the tax data does not have it.');
    expect(card).not.toContain('had maintenance around the time it was issued');
    const zh = await bot.say('发票 26112000000000100010 查不到');
    expect(zh).not.toContain('开票前后税务系统正在维护');
    expect(zh).toContain('按时间它应该已经可以查到');
  });

  it('blames the window for an invoice issued during it, in both languages', async () => {
    bot = await startConsole();
    await bot.say(':as admin');
    await bot.say(ACTIVE);
    await bot.say('1');
    await bot.say(':as employee');
    expect(await bot.say('26112000000000100008')).toContain('had maintenance around the time it was issued');
    expect(await bot.say('发票 26112000000000100008 查不到')).toContain('E-invoice platform upgrade');
  });
});
