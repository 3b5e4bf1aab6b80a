import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, pick, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

// Issue 16 in the console runtime: the same figures as Slack, charts drawn as text, and nothing for an employee.
describe('the bot’s figures in the console (transcript)', () => {
  it('refuses an employee, and shows a lead the headline, the causes and each chart as text, in English and Chinese', async () => {
    bot = await startConsole();
    const answer = await bot.say('26112000000000100008');
    expect(answer).toContain('Did this solve it?');
    expect(await bot.say(pick(answer, 'Yes, it solved it'))).toContain('glad it is sorted');
    await bot.say('escalate 26112000000000100010 please check');
    const refused = await bot.say('stats');
    expect(refused).toBe('The bot’s figures are for finance leads and admins.');
    await bot.say(':as finance');
    await bot.say('escalation resolve ESC-20261127-001 2 synced now');
    const en = await bot.say('stats');
    for (const line of [
      'Bot figures, 2026-11-23 to 2026-11-29',
      'Questions: 1 (+1) — 1 lookup(s) by 1 person(s) about 1 invoice(s)',
      'Confirmed solved: 1 (100%) · escalated 0 (±0) · not solved 0 · no answer 0',
      'Escalations: 1 opened (+1), 1 resolved (+1)',
      'Solved at: the answer 1',
      'Diagnoses: Sync window 1',
      'Resolved as: Sync delay 1',
      'Questions and escalations per week — Over the last 8 weeks: 1 questions, 1 escalations.',
      '  (Questions / Escalations)',
      '  11-23: 1 / 1',
      'Top causes — Most frequent cause: Sync window (1).',
      '  Sync window: 1',
      'Solved by the bot vs escalated — 1 confirmed solved by the bot, 0 escalated to finance.',
      '  Solved by bot: 1',
    ])
      expect(en).toContain(line);
    await bot.say('lang zh');
    const zh = await bot.say('统计');
    for (const line of [
      '机器人统计：2026-11-23 至 2026-11-29',
      '解决于： 首次回答 1',
      '解决原因： 同步延迟 1',
      '  机器人解决: 1',
    ])
      expect(zh).toContain(line);
  });
});
