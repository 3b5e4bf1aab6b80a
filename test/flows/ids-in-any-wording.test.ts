import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, pick, startConsole } from '../helpers/console-harness.js';

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

  it('answers a message full of dates, amounts, a mobile and a tax id with the one invoice in it', async () => {
    bot = await startConsole();
    const reply = await bot.say(
      '发票 26112000000000100008 开票日期 20261127 金额 ¥565.00 1130元 税号 91110105MA01ABCD5F 手机 13800138000',
    );
    expect(reply).toContain('26112000000000100008');
    expect(reply).not.toContain('不是有效的发票号码');
    expect(await bot.say('issued 2026-11-25, total 122600.00, call 13800138000')).not.toContain(
      'is not a valid invoice id',
    );
  });

  it('says what numbers without an invoice id were read as, naming only dates, in both languages', async () => {
    bot = await startConsole();
    const en = await bot.say('issued 2026-11-25, total 122600.00, call 13800138000');
    expect(en).toContain(
      'I read the date 2026-11-25, an amount and a mobile number in that — none of them is an invoice id',
    );
    expect(en).toContain('`/invoice find <date|amount|name>`');
    // The amount and the mobile number are not repeated: the answer may be read in a shared thread.
    expect(en).not.toMatch(/122600|13800138000/);
    expect(await bot.say('20261125')).toContain('I read the date 20261125 in that — that is not an invoice id');
    const zh = await bot.say('开票日期 2026年11月25日，金额 1130元，税号 91110105MA01ABCD5F');
    expect(zh).toContain('我从中识别出日期 2026年11月25日、一个金额、一个纳税人识别号——都不是发票号码');
    expect(zh).toContain('`/invoice 查找 <日期|金额|名称>`');
    expect(zh).not.toContain('没有在消息中找到发票号码');
  });

  it.each([
    ['010-62345678', 'a phone number'],
    ['(010)62345678', 'a phone number'],
    ['call 010 6234 5678 ext. 8001', 'a phone number'],
    ['tax id 110108123456789', 'a taxpayer id'],
    ['buyer 110108123456789, tel 62345678', 'a phone number and a taxpayer id'],
    ['total 1226000', 'an amount'],
  ])('reads %s as what it is, never as a malformed invoice id', async (text, what) => {
    bot = await startConsole();
    const reply = await bot.say(text);
    expect(reply).toContain(`I read ${what} in that`);
    expect(reply).not.toContain('not a valid invoice id');
  });

  it('reads Beijing landlines and an old 15-digit tax id as such in Chinese too, and still answers the id beside them', async () => {
    bot = await startConsole();
    const zh = await bot.say('电话（010）62345678，销方税号 110108123456789');
    expect(zh).toContain('我从中识别出一个电话号码、一个纳税人识别号——都不是发票号码');
    expect(zh).not.toContain('不是有效的发票号码');
    const both = await bot.say('发票 26112000000000100008 联系 010-62345678');
    expect(both).toContain('发票 26112000000000100008');
    expect(both).not.toContain('不是有效的发票号码');
  });

  it.each([
    ['2611200000000010008', 19],
    ['261120000000001000081', 21],
    ['1101081234567890', 16],
  ])('still explains the format for %s, a near miss at an id', async (digits, length) => {
    bot = await startConsole();
    expect(await bot.say(digits)).toContain(`${length} digits`);
    expect(await bot.say(`发票 ${digits}`)).toContain(`${length} 位`);
  });

  it('reads a QR-code payload as one invoice and compares its day and total in the walk-through', async () => {
    bot = await startConsole();
    const card = await bot.say('01,32,,26112000000000100001,5300.00,20261111,,A1B2');
    expect(card).toContain('Invoice 26112000000000100001');
    expect(card).not.toContain('not a valid invoice id');
    const walk = await bot.say('1');
    // The date came from the QR code, not from the user: the walk-through says so, and never "you searched with".
    expect(walk).toContain('The QR code says it was issued on 2026-11-11, but the record says 2026-11-10.');
    expect(walk).toContain('The total in the QR code (¥5,300.00) matches the record.');
    expect(walk).not.toMatch(/you search/i);
    expect(await bot.say('/invoice 排查 01，32，，26112000000000100001，5300.00，20261110，，A1B2')).toContain(
      '二维码上的信息与记录一致，不是录入错误。',
    );
  });

  it('words a QR code’s date truthfully in Chinese too, and a typed answer as the user’s search', async () => {
    bot = await startConsole();
    const walk = await bot.say('/invoice 排查 01，32，，26112000000000100001，5300.00，20261111，，A1B2');
    expect(walk).toContain('二维码上的开票日期是 2026-11-11，但记录中是 2026-11-10。请用 2026-11-10 查询。');
    expect(walk).toContain('二维码上的价税合计（¥5,300.00）与记录一致。');
    expect(walk).not.toContain('您用开票日期');
    // Changing the answer types it: from then on it is the user's search, worded as such.
    await bot.say(pick(walk, '修改我的回答'));
    await bot.say('2026-11-12');
    const typed = await bot.say('5300.00');
    expect(typed).toContain('您用开票日期 2026-11-12 查询，但它的开票日期是 2026-11-10。');
    expect(typed).not.toContain('二维码');
  });

  it('reads a legacy QR-code payload (code, number, amount before tax) as one invoice, never its check code', async () => {
    bot = await startConsole();
    const card = await bot.say('01,01,1100254130,20000017,2100.00,20261012,12345678901234567890,A1B2');
    expect(card).toContain('Invoice 1100254130 / 20000017');
    expect(card).not.toContain('12345678901234567890');
    const walk = await bot.say(pick(card, 'Troubleshoot'));
    expect(walk).toContain('The issue date in the QR code (2026-10-12) matches the record.');
    expect(walk).toContain('The QR code says the amount before tax is ¥2,100.00, but the record says ¥2,000.00.');
    const zh = await bot.say('/invoice 排查 01，01，1100254130，20000017，2000.00，20261012，，A1B2');
    expect(zh).toContain('二维码上的信息与记录一致，不是录入错误。');
  });

  it('says how many ids were left out and how to ask for them, in both languages', async () => {
    bot = await startConsole();
    const ids = Array.from({ length: 7 }, (_, i) => `2611200000000010000${i + 1}`).join(' ');
    const reply = await bot.say(`where are ${ids}`);
    expect(reply).toContain('2 more were left out (26112000000000100006, 26112000000000100007)');
    expect(await bot.say(`这些发票在哪 ${ids}`)).toContain('另有 2 个没有查询');
  });
});
