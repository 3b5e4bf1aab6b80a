import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

const SCHEDULE = 'notice schedule 2026-11-27T16:00..2026-11-27T18:00 issuing,delivery E-invoice platform upgrade';

describe('maintenance notices (console transcripts)', () => {
  it('refuses employees, previews for admins, sends on confirmation and reports each channel', async () => {
    bot = await startConsole({ ANNOUNCE_CHANNELS: 'C0FINANCE,C0ALL' });
    expect(await bot.say(SCHEDULE)).toContain('only admins can broadcast');
    await bot.say(':as admin');
    const preview = await bot.say(SCHEDULE);
    expect(preview).toContain('Preview — nothing has been sent yet');
    expect(preview).toContain('When: 2026-11-27 16:00 – 2026-11-27 18:00');
    expect(preview).not.toContain('[#C0FINANCE]');
    const sent = await bot.say('1');
    expect(sent).toContain('[#C0FINANCE]');
    expect(sent).toContain('[#C0ALL]');
    expect(sent).toMatch(/NTC-\w+ is scheduled\. Posted to 2 channel\(s\)/);
    expect(await bot.say('notices')).toContain('E-invoice platform upgrade');
  });

  it('discards a preview without sending', async () => {
    bot = await startConsole({ ANNOUNCE_CHANNELS: 'C0FINANCE' });
    await bot.say(':as admin');
    await bot.say(SCHEDULE);
    expect(await bot.say('2')).toBe('Discarded; nothing was sent.');
    expect(await bot.say('notices')).toContain('No maintenance is scheduled');
  });

  it('explains every problem with a bad notice', async () => {
    bot = await startConsole({ ANNOUNCE_CHANNELS: 'C0FINANCE' });
    await bot.say(':as admin');
    const bad = await bot.say('notice schedule 2026-11-27T18:00..2026-11-27T16:00 issuing');
    expect(bad).toContain('The end must be after the start');
    expect(bad).toContain('Write the message in English, Chinese or both');
    expect(await bot.say('notice schedule tomorrow..later issuing x')).toContain('“tomorrow” is not a time');
    expect(await bot.say('notice schedule 2026-11-28T10:00..2026-11-28T12:00 printing x')).toContain(
      '“printing” is not a function',
    );
  });

  it('moves through its lifecycle with the clock, and the diagnosis and card use the window', async () => {
    bot = await startConsole({ ANNOUNCE_CHANNELS: 'C0FINANCE' });
    await bot.say(':as admin');
    await bot.say(SCHEDULE);
    await bot.say('1');
    const started = await bot.say(':clock +1h');
    expect(started).toContain('[#C0FINANCE ✎ edited]');
    expect(started).toContain('In progress');
    expect(started).toContain('This maintenance is now in progress');
    const card = await bot.say('26112000000000100008');
    expect(card).toContain('Maintenance in progress: E-invoice platform upgrade — until 2026-11-27 18:00');
    expect(card).toContain('The tax system had maintenance around the time it was issued');
    // An admin reads finance's step, which waits for the same time.
    expect(card).toContain('Finance: nothing to do before 2026-11-27 20:00');
    const over = await bot.say(':clock +2h');
    expect(over).toContain('This maintenance is over');
    expect(await bot.say('notices')).toContain('No maintenance is scheduled');
  });

  it('updates, extends, ends early and cancels, in the thread of every announcement', async () => {
    bot = await startConsole({ ANNOUNCE_CHANNELS: 'C0FINANCE' });
    await bot.say(':as admin');
    await bot.say(SCHEDULE);
    const sent = await bot.say('1');
    const id = /(NTC-\w+)/.exec(sent)?.[1] ?? '';
    expect(await bot.say(`notice update ${id} Now also affects red-letter invoices`)).toContain(
      'Update: Now also affects red-letter invoices',
    );
    expect(await bot.say(`notice extend ${id} 2026-11-27T19:30`)).toContain('Extended until 2026-11-27 19:30');
    expect(await bot.say(`notice cancel ${id}`)).toContain('This maintenance has been cancelled');
    expect(await bot.say(`notice end ${id}`)).toContain('already Cancelled and can no longer be changed');
    await bot.say(':as employee');
    expect(await bot.say(`notice cancel ${id}`)).toContain('only admins');
  });

  it('speaks Chinese to a Chinese-writing admin', async () => {
    bot = await startConsole({ ANNOUNCE_CHANNELS: 'C0FINANCE' });
    await bot.say(':as admin');
    expect(await bot.say('公告 schedule 2026-11-27T16:00..2026-11-27T18:00 issuing 电子发票服务平台升级')).toContain(
      '预览——尚未发送',
    );
  });

  it('answers in the threads of a Chinese-only notice in Chinese only, though the bot speaks English', async () => {
    bot = await startConsole({ ANNOUNCE_CHANNELS: 'C0FINANCE', BOT_LANGUAGE: 'en' });
    await bot.say(':as admin');
    await bot.say('公告 schedule 2026-11-27T16:00..2026-11-27T18:00 issuing 电子发票服务平台升级');
    const id = /(NTC-\w+)/.exec(await bot.say('1'))?.[1] ?? '';
    const started = await bot.say(':clock +1h');
    expect(started).toContain('维护现已开始');
    expect(started).not.toContain('now in progress');
    const extended = await bot.say(`notice extend ${id} 2026-11-27T19:30`);
    expect(extended).toContain('已延长至 2026-11-27 19:30');
    expect(extended).not.toContain('Extended until');
    const over = await bot.say(':clock +4h');
    expect(over).toContain('维护已结束');
    expect(over).not.toContain('This maintenance is over');
  });
});
