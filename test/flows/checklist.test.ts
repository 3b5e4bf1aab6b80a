import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

// Button numbers in the console: a lookup card shows [1] Troubleshoot [2] Escalate; a step shows
// [1] That solved it [2] Next step [3] Escalate (+ [4] Tell me when it appears on a sync delay).
describe('troubleshooting walk-through (console transcripts on demo data)', () => {
  it.each([
    ['26112000000000100005', 'Step 4/6 · Issue / upload state', 'It has not been issued yet'],
    ['26112000000000100006', 'Step 4/6 · Issue / upload state', 'Issuing this invoice failed'],
    ['011002600111 10000007', 'Step 4/6 · Issue / upload state', 'the upload to the tax system failed'],
    ['26112000000000100008', 'Step 2/6 · Sync delay', 'inside the normal sync delay'],
    ['26112000000000100009', 'Step 2/6 · Sync delay', 'does not cover the day it was issued'],
    ['26112000000000100010', 'Step 2/6 · Sync delay', 'should be visible by now'],
    ['26112000000000100012', 'Step 3/6 · Entry error', 'different details than our records'],
    ['26312000000000012345', 'Step 5/6 · Voided / red-reversed / flagged', 'fully reversed by a red-letter invoice'],
    ['26442000000000200003', 'Step 5/6 · Voided / red-reversed / flagged', '失控'],
    ['26112000000000100013', 'Step 6/6 · Wrong buyer or entity', 'issued to a different buyer'],
    ['26312000000000100015', 'Step 6/6 · Wrong buyer or entity', 'branch registered in 上海市浦东新区 (310115)'],
  ])('finds the cause of %s at its step, with earlier steps shown as done', async (id, step, cause) => {
    bot = await startConsole();
    await bot.say(':as finance');
    await bot.say(id);
    const walk = await bot.say('1');
    expect(walk).toContain('Step 1/6 · Update / maintenance window — ✅ Ruled out');
    expect(walk).toContain(step);
    expect(walk).toContain('⚠️ Likely cause');
    expect(walk).toContain(cause);
    expect(walk).toMatch(/\[1\] That solved it\s+\[2\] Next step\s+\[3\] Escalate/);
  });

  it('asks for the search facts on a visible invoice, re-asks bad answers, and finds an entry error', async () => {
    bot = await startConsole();
    await bot.say('26112000000000100001');
    expect(await bot.say('1')).toContain('❓ I need your input');
    expect(await bot.say('the 12th')).toContain('“the 12th” is not a date I can read');
    expect(await bot.say('20261112')).toContain('which total');
    expect(await bot.say('53,00.001')).toContain('is not an amount I can read');
    const result = await bot.say('5300');
    expect(result).toContain('You search with the issue date 2026-11-12, but it was issued on 2026-11-10');
    expect(result).toContain('The total you search with (¥5,300.00) matches the record.');
  });

  it('rules out an entry error when the search matches, and ends with all checks done', async () => {
    bot = await startConsole();
    await bot.say('26112000000000100001');
    await bot.say('1');
    await bot.say('20261110');
    const end = await bot.say('¥5,300.00');
    expect(end).toContain('Step 3/6 · Entry error — ✅ Ruled out: Your search matches the record');
    expect(end).toContain('Step 6/6 · Wrong buyer or entity — ✅ Ruled out');
    expect(end).toContain('none of them explains it');
    expect(await bot.say('2')).toContain('I have escalated this to finance as ESC-20261127-001');
  });

  it('is solved early and records it', async () => {
    bot = await startConsole();
    await bot.say('26112000000000100008');
    await bot.say('1');
    expect(await bot.say('1')).toContain('Glad it is sorted');
  });

  it('moves to the next step, then finishes naming the cause the sync step found', async () => {
    bot = await startConsole();
    await bot.say(':as finance');
    await bot.say('26112000000000100010');
    await bot.say('1');
    const next = await bot.say('2');
    expect(next).toContain('Step 3/6 · Entry error — ✅ Ruled out');
    expect(next).toContain('Step 6/6 · Wrong buyer or entity — ✅ Ruled out');
    expect(next).toContain('Step 2 (Sync delay) found the likely cause');
  });

  it('skips the question about the search', async () => {
    bot = await startConsole();
    await bot.say('26112000000000100016');
    expect(await bot.say('1')).toContain('❓ I need your input');
    const skipped = await bot.say('1');
    expect(skipped).toContain('Step 4/6 · Issue / upload state — ✅ Ruled out');
    expect(skipped).toContain('none of them explains it');
  });

  it('records a watch once from a sync-delay step', async () => {
    bot = await startConsole();
    await bot.say('26112000000000100008');
    await bot.say('1');
    expect(await bot.say('4')).toContain('you asked to be told when 26112000000000100008 appears');
    await bot.say('check 26112000000000100008');
    expect(await bot.say('4')).toContain('already waiting for 26112000000000100008');
  });

  it('starts from "I still can’t see it" after a lookup, and from /invoice check, asking for an id when none is given', async () => {
    bot = await startConsole();
    await bot.say('26112000000000100006');
    expect(await bot.say("I still can't see it")).toContain('Issuing this invoice failed');
    await bot.quit();
    bot = await startConsole();
    expect(await bot.say('check')).toContain('Which invoice should we troubleshoot?');
    expect(await bot.say('it is 26112000000000100005')).toContain('It has not been issued yet');
  });

  it('resumes an open walk-through instead of starting a second one', async () => {
    bot = await startConsole();
    await bot.say('check 26112000000000100008');
    expect(await bot.say('check 26112000000000100008')).toContain(
      'Picking up where we left off with 26112000000000100008',
    );
  });

  it('expires after 24 idle hours and offers to start again', async () => {
    bot = await startConsole();
    await bot.say('26112000000000100008');
    await bot.say('1');
    await bot.say(':clock +25h');
    expect(await bot.say('2')).toContain('expired after 24 hours without activity');
    expect(await bot.say('1')).toContain("Let's troubleshoot 26112000000000100008");
  });

  it('walks through in Chinese', async () => {
    bot = await startConsole();
    await bot.say('发票 26112000000000100001 查不到');
    const walk = await bot.say('1');
    expect(walk).toContain('第 1/6 步 · 系统更新 / 维护窗口 — ✅ 已排除');
    expect(walk).toContain('您在税务系统中用哪个开票日期查询');
    expect(await bot.say('明天')).toContain('不是我能识别的日期');
    await bot.say('2026-11-10');
    expect(await bot.say('5300.00')).toContain('您的查询条件与记录一致');
    await bot.quit();
    bot = await startConsole();
    await bot.say('发票 26112000000000100006 查不到');
    expect(await bot.say('还是查不到')).toContain('ERP 开票失败');
  });
});
