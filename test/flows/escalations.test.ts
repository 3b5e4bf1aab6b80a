import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

describe('escalations (console transcripts)', () => {
  it('files from the card, posts for finance, and finance claims and resolves it while the requester hears each step', async () => {
    bot = await startConsole();
    await bot.say('26112000000000100010');
    expect(await bot.say('2')).toContain('How urgent is it?');
    const filed = await bot.say('1');
    expect(filed).toContain('[#C0ESCALATIONS]');
    expect(filed).toContain('ESC-20261127-001 · invoice 26112000000000100010');
    expect(filed).toContain(
      'I have escalated this to finance as ESC-20261127-001. A finance lead should respond by 2026-11-30 10:00',
    );
    expect(await bot.say('escalations')).toContain('Your escalations:');
    expect(await bot.say('escalation claim ESC-20261127-001')).toContain('only finance leads and admins');
    await bot.say(':as finance');
    const queue = await bot.say('escalations');
    expect(queue).toContain('[1] 🟢 ESC-20261127-001');
    const view = await bot.say('1');
    expect(view).toMatch(
      /\[1\] Claim\s+\[2\] Waiting on requester\s+\[3\] Assign to…\s+\[4\] Resolve\s+\[5\] Duplicate of…/,
    );
    const claimed = await bot.say('1');
    expect(claimed).toContain('[DM UDEMOEMP]');
    expect(claimed).toContain('Finance has picked up ESC-20261127-001');
    expect(claimed).toContain('ESC-20261127-001 is now Claimed.');
    const resolved = await bot.say('escalation resolve ESC-20261127-001 2 Re-synced; it shows now.');
    expect(resolved).toContain('ESC-20261127-001 is resolved.\n  Cause: Sync delay\n  Re-synced; it shows now.');
    expect(await bot.say('escalation claim ESC-20261127-001')).toContain(
      'That cannot be done now: the escalation is Resolved',
    );
  });

  it('answers a lead’s command without an escalation id with its usage, and names a refused action by its label, in English and Chinese', async () => {
    bot = await startConsole();
    await bot.say('escalate 26112000000000100010 please check');
    await bot.say(':as finance');
    const noId = await bot.say('escalation claim');
    expect(noId).toContain('Usage: `/invoice escalate');
    expect(noId).not.toContain('There is no escalation');
    expect(await bot.say('escalation claim esc-20261127-001')).toContain('ESC-20261127-001 is now Claimed.');
    expect(await bot.say('escalation claim ESC-20261127-001')).toContain(
      'That cannot be done now: the escalation is claimed by @UDEMOFIN (tried: Claim).',
    );
    await bot.say('lang zh');
    const noIdZh = await bot.say('escalation resolve');
    expect(noIdZh).toContain('用法：');
    expect(noIdZh).not.toContain('没有上报');
    const again = await bot.say('escalation claim ESC-20261127-001');
    expect(again).toContain('现在不能这样操作：该上报的状态为「已由 @UDEMOFIN 认领」');
    expect(again).not.toContain('claim');
  });

  it('titles the finance queue after its filter, so closed escalations are never listed as open', async () => {
    bot = await startConsole();
    await bot.say('escalate 26112000000000100010 please check');
    await bot.say(':as finance');
    await bot.say('escalation resolve ESC-20261127-001 2 synced now');
    const all = await bot.say('escalations all');
    expect(all).toContain('All escalations, oldest first:');
    expect(all).toContain('ESC-20261127-001 · 26112000000000100010 · Resolved');
    expect(all).not.toContain('Open escalations');
    expect(await bot.say('escalations resolved')).toContain('Escalations with status Resolved, oldest first:');
    await bot.say('lang zh');
    expect(await bot.say('escalations all')).toContain('全部上报（最早的在前）：');
    expect(await bot.say('escalations resolved')).toContain('状态为「已解决」的上报（最早的在前）：');
  });

  it('takes a finance lead’s actions and queue filters in Chinese words too', async () => {
    bot = await startConsole();
    await bot.say('escalate 26112000000000100010 please check');
    await bot.say(':as finance');
    await bot.say('lang zh');
    expect(await bot.say('处理上报 认领 ESC-20261127-001')).toContain('ESC-20261127-001 现在的状态为「处理中」');
    expect(await bot.say('上报列表 已认领')).toContain('ESC-20261127-001 · 26112000000000100010');
    expect(await bot.say('处理上报 解决 ESC-20261127-001 2 已同步')).toContain('现在的状态为「已解决」');
    expect(await bot.say('上报列表 全部')).toContain('全部上报（最早的在前）：');
    expect(await bot.say('帮助 处理上报')).toContain('示例：`/invoice 处理上报 解决 ESC-20261127-001');
  });

  it('escalates from the walk-through with every check, and a second person becomes a follower', async () => {
    bot = await startConsole();
    await bot.say('check 26112000000000100010');
    const filed = await bot.say('3');
    expect(filed).toContain('Checked before escalating:');
    expect(filed).toContain('Sync delay: ⚠️ Likely cause');
    await bot.say(':as admin');
    const again = await bot.say('escalate 26112000000000100010 urgent me too');
    expect(again).toContain(
      'This invoice is already escalated as ESC-20261127-001 (open, not claimed yet). I have added you as a follower',
    );
    expect(again).not.toContain('already working');
  });

  it('reminds finance as the SLA nears and breaches when the clock moves', async () => {
    bot = await startConsole();
    await bot.say('escalate 26112000000000100010 urgent needed before the filing deadline');
    const near = await bot.say(':clock 2026-11-27T15:10:00+08:00');
    expect(near).toContain('⏰ ESC-20261127-001: the first response is due at 2026-11-27 16:00');
    const breach = await bot.say(':clock +1h');
    expect(breach).toContain('🚨 ESC-20261127-001: the first response target (2026-11-27 16:00) has passed');
  });

  it('explains the escalate command when the id is missing', async () => {
    bot = await startConsole();
    expect(await bot.say('上报')).toContain('用法');
  });

  it('refuses an urgent escalation without a reason, from the command and from the card, with the form’s message', async () => {
    bot = await startConsole();
    const refusal = 'For an urgent escalation, say why (for example the filing deadline).';
    expect(await bot.say('escalate 26112000000000100010 urgent')).toContain(refusal);
    await bot.say('26112000000000100010');
    await bot.say('2');
    const picked = await bot.say('2');
    expect(picked).toContain(refusal);
    expect(picked).toContain('urgent needed for the filing deadline');
    expect(picked).not.toContain('[#C0ESCALATIONS]');
    expect(await bot.say('escalations')).toContain('No escalations to show.');
  });

  it('answers a repeat request with the real status and adds its note and urgency to the escalation', async () => {
    bot = await startConsole();
    await bot.say('escalate 26112000000000100010 customer is waiting');
    await bot.say(':as finance');
    await bot.say('escalation claim ESC-20261127-001');
    await bot.say(':as employee');
    const again = await bot.say('escalate 26112000000000100010 urgent the filing deadline is Monday');
    expect(again).toContain('[#C0ESCALATIONS ↳ thread]\n  @UDEMOEMP asked again: the filing deadline is Monday');
    expect(again).toContain('@UDEMOEMP marked this urgent: the SLA is recomputed');
    expect(again).toContain(
      'You already escalated this invoice as ESC-20261127-001 (claimed by @UDEMOFIN). I have added your note to it. It is urgent now: resolution due by 2026-11-30 15:00.',
    );
  });

  it('resolves from the buttons with translated causes, then needs the note; waits with a question', async () => {
    bot = await startConsole();
    await bot.say('escalate 26112000000000100010');
    await bot.say(':as finance');
    await bot.say('escalations');
    await bot.say('1');
    const causes = await bot.say('4');
    expect(causes).toContain('[1] Update / maintenance window');
    expect(causes).toContain('[2] Sync delay');
    expect(causes).not.toMatch(/\[\d\] sync\b/);
    expect(await bot.say('2')).toContain(
      'Cause: Sync delay. Now tell the requester what was done: `/invoice escalation resolve ESC-20261127-001 2 <note>`',
    );
    expect(await bot.say('escalation resolve ESC-20261127-001 2')).toContain('Tell the requester what was done.');
    expect(await bot.say('escalation waiting ESC-20261127-001')).toContain('Say what you need from the requester');
    const waiting = await bot.say('escalation waiting ESC-20261127-001 Which buyer tax id did you enter?');
    expect(waiting).toContain(
      'Finance needs something from you for ESC-20261127-001:\n  “Which buyer tax id did you enter?”',
    );
  });

  it('assigns only to people who can act, and explains duplicates of itself or of another invoice', async () => {
    bot = await startConsole();
    await bot.say('escalate 26112000000000100010');
    await bot.say('escalate 26112000000000100009');
    await bot.say(':as finance');
    expect(await bot.say('escalation assign ESC-20261127-001 <@UDEMOEMP>')).toContain(
      '@UDEMOEMP cannot be assigned: only finance leads and admins can act on escalations.',
    );
    const assigned = await bot.say('escalation assign ESC-20261127-001 <@UDEMOADM>');
    expect(assigned).toContain(
      '[DM UDEMOADM]\n  @UDEMOFIN assigned ESC-20261127-001 (invoice 26112000000000100010) to you.',
    );
    expect(assigned).toContain('ESC-20261127-001 was assigned to @UDEMOADM, who will handle it.');
    expect(await bot.say('escalation duplicate ESC-20261127-001 ESC-20261127-001')).toContain(
      'An escalation cannot duplicate itself.',
    );
    expect(await bot.say('escalation duplicate ESC-20261127-002 ESC-20261127-001')).toContain(
      'ESC-20261127-001 is about invoice 26112000000000100010, not 26112000000000100009.',
    );
    expect(await bot.say('escalation duplicate ESC-20261127-002 ESC-20261127-001 same order')).toContain(
      'ESC-20261127-002 is now Duplicate.',
    );
  });

  it('posts the weekly check only when the demo clock crosses its slot', async () => {
    bot = await startConsole();
    expect(bot.intro).not.toContain('Weekly check');
    expect(await bot.say(':clock 2026-11-30T09:29:00+08:00')).not.toContain('Weekly check');
    expect(await bot.say(':clock +2m')).toContain('🗓 Weekly check:');
  });
});
