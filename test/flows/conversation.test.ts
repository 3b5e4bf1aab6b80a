import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

describe('conversation (console transcripts on demo data)', () => {
  it('introduces itself on demo data and answers help in both languages', async () => {
    bot = await startConsole();
    expect(bot.intro).toContain('demo data');
    expect(await bot.say('help')).toContain('/invoice find');
    expect(await bot.say('帮助')).toContain('发票助手');
  });

  it('answers a free-text question with a diagnosis card', async () => {
    bot = await startConsole();
    const reply = await bot.say('where is invoice 26312000000000012345?');
    expect(reply).toContain('Invoice 26312000000000012345');
    expect(reply).toContain('fully reversed by a red-letter invoice');
    expect(reply).toContain('26312000000000012399');
    expect(reply).toMatch(/\[1\] Troubleshoot\s+\[2\] Escalate/);
  });

  it('reads only the first 4,000 characters of a huge message and says so', async () => {
    bot = await startConsole();
    const filler = ' 12345678 1234567890 <@A|'.repeat(1600);
    const reply = await bot.say(`where is 26312000000000012345?${filler} 26112000000000100008`);
    expect(reply).toContain('Your message is 40,051 characters long; I read only the first 4,000.');
    expect(reply).toContain('Invoice 26312000000000012345');
    expect(reply).not.toContain('26112000000000100008');
  });

  it('answers in Chinese when asked in Chinese', async () => {
    bot = await startConsole();
    const reply = await bot.say('发票 26112000000000100008 怎么在系统里查不到');
    expect(reply).toContain('仍在正常的同步延迟内');
    expect(reply).toContain('2026-11-27 15:30');
  });

  it('masks amounts and tax ids of other people’s invoices for employees, not for finance', async () => {
    bot = await startConsole();
    const employee = await bot.say('26442000000000200003');
    expect(employee).toContain('¥ ••••');
    expect(employee).not.toContain('9,040.00');
    expect(employee).toContain('914403**********39');
    await bot.say(':as finance');
    const finance = await bot.say('26442000000000200003');
    expect(finance).toContain('¥9,040.00');
    expect(finance).toContain('91440300MA06GDHL39');
  });

  it('offers near matches for a typing slip and looks the chosen one up', async () => {
    bot = await startConsole();
    const list = await bot.say('26112000000000100061');
    expect(list).toMatch(/\[1\] 26112000000000100016 — two digits swapped/);
    expect(await bot.say('1')).toContain('Invoice 26112000000000100016');
  });

  it('finds a legacy invoice from an 8-digit number alone', async () => {
    bot = await startConsole();
    expect(await bot.say('00412345')).toContain('011002500104 / 00412345 — same last 8 digits');
  });

  it('explains an invalid id precisely and changes nothing', async () => {
    bot = await startConsole();
    const reply = await bot.say('26002000000000000001');
    expect(reply).toContain('region “00” is not a Chinese province code');
    expect(reply).toContain('Valid: 20-digit');
  });

  it('finds invoices by amount, date range and name', async () => {
    bot = await startConsole();
    expect(await bot.say('find 1130.00')).toContain('26312000000000012345');
    const range = await bot.say('find 2026-11-25..2026-11-27 乙客户');
    expect(range).toContain('26112000000000100010');
    expect(range).not.toContain('26112000000000100008');
    expect(await bot.say('find 12.345')).toContain('is not an amount');
    expect(await bot.say('find 2026-02-30')).toContain('is not a date');
    expect(await bot.say('find 2026-11-27..2026-11-25')).toContain(
      'The range “2026-11-27..2026-11-25” ends before it starts: put the earlier day first, e.g. “2026-11-25..2026-11-27”.',
    );
    expect(await bot.say('find 2026-11-27..2026-11-25 乙客户')).toContain(
      '日期范围「2026-11-27..2026-11-25」的结束早于开始：请把较早的日期放在前面，例如「2026-11-25..2026-11-27」。',
    );
    expect(await bot.say('find 999999.99')).toContain('No invoice matches');
  });

  it('remembers the chosen language', async () => {
    bot = await startConsole();
    expect(await bot.say('lang zh')).toContain('中文');
    expect(await bot.say('where 26112000000000100001')).toContain('税务系统中有这张发票');
    expect(await bot.say('lang fr')).toContain('/invoice lang en');
  });

  it('explains each diagnosis branch on the demo data', async () => {
    bot = await startConsole();
    const expectations: Array<[string, string]> = [
      ['26112000000000100001', 'It is in the tax system with status “正常”'],
      ['011002500104 00412345', 'It was voided'],
      ['26112000000000100002', 'Part of it was reversed'],
      ['26442000000000200003', '失控'],
      ['26112000000000100004', '异常'],
      ['26112000000000100005', 'It has not been issued yet'],
      ['26112000000000100006', 'Issuing this invoice failed'],
      ['011002600111 10000007', 'the upload to the tax system failed'],
      ['26112000000000100008', 'inside the normal sync delay'],
      ['26112000000000100009', 'does not cover the day it was issued yet'],
      ['26112000000000100010', 'It should be visible by now'],
      ['26112000000000100011', 'not in our ledger'],
      ['26112000000000100012', 'total: ours ¥1,130.00, tax system ¥1,310.00'],
      ['26112000000000100013', 'It was issued to a different buyer'],
      ['011002000111 10000014', 'older than 5 years'],
      ['26312000000000100015', 'branch registered in 上海市浦东新区 (310115)'],
    ];
    await bot.say(':as finance');
    for (const [id, text] of expectations) expect(await bot.say(id), id).toContain(text);
  });

  it('moves the demo clock, and the sync window passes', async () => {
    bot = await startConsole();
    expect(await bot.say(':clock +2h')).toContain('2026-11-27 17:00');
    expect(await bot.say('26112000000000100008')).toContain('does not cover the day it was issued yet');
  });

  it('asks how urgent an escalation is, and handles console commands', async () => {
    bot = await startConsole();
    await bot.say('26112000000000100010');
    expect(await bot.say('2')).toContain('How urgent is it?');
    expect(await bot.say(':as auditor')).toContain('Roles: employee, finance, admin');
    expect(await bot.say(':help')).toContain(':as employee|finance|admin');
    expect(await bot.say('hello there')).toContain('could not find an invoice id');
    expect(await bot.say('sync')).toContain('only finance leads and admins can run a sync');
    expect(await bot.say('watch 26112000000000100008')).toContain(
      'you asked to be told when 26112000000000100008 appears',
    );
    expect(await bot.say('watch 26112000000000100001')).toContain('now appears in the tax data with status “正常”');
    expect(await bot.say('watch')).toContain('Which invoice?');
  });
});
