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
    const resolved = await bot.say('escalation resolve ESC-20261127-001 sync Re-synced; it shows now.');
    expect(resolved).toContain('ESC-20261127-001 is resolved: Re-synced; it shows now.');
    expect(await bot.say('escalation claim ESC-20261127-001')).toContain(
      'That cannot be done now: the escalation is Resolved',
    );
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
      'Finance is already working on this invoice in ESC-20261127-001. I have added you as a follower',
    );
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
});
