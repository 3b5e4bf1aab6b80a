import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

const RED = 'notice policy 2026-12-01T00:00 digital,red functions=red_letter link=https://example.gov.cn/red';

describe('policy-change notices (console transcripts)', () => {
  it('previews, announces, lists, takes effect with the clock, refuses an end, and drops out of the lists', async () => {
    bot = await startConsole({ ANNOUNCE_CHANNELS: 'C0FINANCE' });
    expect(await bot.say(`${RED} Red-letter forms lapse after 72 hours.`)).toContain('only admins');
    await bot.say(':as admin');
    const preview = await bot.say(`${RED} Red-letter forms lapse after 72 hours.`);
    expect(preview).toContain('📜 Tax policy change — takes effect 2026-12-01 00:00');
    expect(preview).toContain('Affects: 数电 red invoices · red-letter (红字)');
    expect(preview).toContain('More: https://example.gov.cn/red');
    const sent = await bot.say('1');
    expect(sent).toContain('[#C0FINANCE]');
    const id = /(NTC-\w+) is scheduled/.exec(sent)?.[1] ?? '';
    const list = await bot.say('notices');
    expect(list).toContain('Tax policy changes, recent and upcoming:');
    expect(list).toContain(`${id} · 📜 Tax policy change — takes effect 2026-12-01 00:00`);
    expect(await bot.say(`notice extend ${id} 2026-12-05T00:00`)).toContain('A policy change has no end');
    expect(await bot.say(`notice end ${id}`)).toContain('A policy change has no end');
    const effective = await bot.say(':clock 2026-12-01T00:30+08:00');
    expect(effective).toContain('[#C0FINANCE ✎ edited]');
    expect(effective).toContain('in effect since 2026-12-01 00:00');
    expect(effective).toContain('This policy change is now in effect.');
    expect(await bot.say('notices')).toContain(id);
    await bot.say(':clock 2026-12-31T00:30+08:00');
    const later = await bot.say('notices');
    expect(later).not.toContain(id);
    expect(later).not.toContain('Tax policy changes');
  });

  it('explains a bad kind, a bad link and a missing explanation', async () => {
    bot = await startConsole();
    await bot.say(':as admin');
    expect(await bot.say('notice policy 2026-12-01T00:00 paper x')).toContain('“paper” is not an invoice kind');
    expect(await bot.say('notice policy soon digital x')).toContain('“soon” is not a time');
    const bad = await bot.say('notice policy 2026-12-01T00:00 digital link=www.example.com');
    expect(bad).toContain('The link must be a web address');
    expect(bad).toContain('Write the message in English, Chinese or both');
  });

  it('puts the policy change on the card of an affected invoice as context, not on others', async () => {
    bot = await startConsole();
    const card = await bot.say('26112000000000100013');
    expect(card).toContain('📜 A policy change effective 2026-11-01 affects 数电 special invoices: ');
    // The more specific diagnosis stays.
    expect(card).toContain('It was issued to a different buyer');
    expect(await bot.say('26112000000000100001')).not.toContain('📜');
  });

  it('says so in Chinese on the card and on the walk-through’s first step', async () => {
    bot = await startConsole();
    expect(await bot.say('发票 26312000000000100015 查不到')).toContain(
      '📜 2026-11-01 起施行的政策变动影响数电专用发票：',
    );
    const walk = await bot.say('排查 26112000000000100012');
    expect(walk).toContain('📜 2026-11-01 起施行的政策变动影响数电专用发票');
    expect(walk.indexOf('📜')).toBeLessThan(walk.indexOf('第 1/6 步'));
    // Resuming it shows the context again.
    expect(await bot.say('排查 26112000000000100012')).toContain('📜 2026-11-01 起施行的政策变动影响数电专用发票');
  });

  it('lists policy changes taking effect in the coming week in the weekly check', async () => {
    bot = await startConsole();
    await bot.say(':as admin');
    await bot.say('notice policy 2026-12-03T00:00 legacy,special 税控专票停止领用。');
    await bot.say('1');
    const monday = await bot.say(':clock 2026-11-30T09:31+08:00');
    expect(monday).toContain('🗓 Weekly check');
    expect(monday).toContain('Policy changes taking effect:');
    expect(monday).toMatch(/• 2026-12-03 00:00 · legacy \(税控\) special invoices · 税控专票停止领用。 \(NTC-\w+\)/);
  });
});

describe('withdrawing a policy change', () => {
  it('edits the announcement, drops it from the lists and from the cards (政策 verb in Chinese)', async () => {
    bot = await startConsole({ ANNOUNCE_CHANNELS: 'C0FINANCE' });
    await bot.say(':as admin');
    await bot.say('公告 政策 2026-11-15T00:00 digital,special 演示：专票用途确认方式调整。');
    const sent = await bot.say('1');
    const id = /(NTC-\w+)/.exec(sent)?.[1] ?? '';
    expect(await bot.say('26112000000000100012')).toContain('专票用途确认方式调整');
    const withdrawn = await bot.say(`notice cancel ${id}`);
    // Written in Chinese only, so framed in Chinese.
    expect(withdrawn).toContain('📜 税收政策变动——已撤回');
    expect(await bot.say('notices')).not.toContain(id);
    expect(await bot.say('26112000000000100012')).not.toContain('专票用途确认方式调整');
  });
});
