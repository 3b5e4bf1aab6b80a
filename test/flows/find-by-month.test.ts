import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

describe('find by month, with each result’s status (console transcripts on demo data)', () => {
  it('finds a month written as 2026-11 or 2026年11月', async () => {
    bot = await startConsole();
    await bot.say(':as finance');
    const en = await bot.say('find 2026-11 乙客户');
    expect(en).toContain('26112000000000100010 — 2026-11-25');
    expect(en).not.toContain('2026-10-15');
    const zh = await bot.say('查找 2026年11月 乙客户');
    expect(zh).toContain('26112000000000100010');
  });

  it('says where each result stands: tax status, ERP failure or missing from the tax data', async () => {
    bot = await startConsole();
    await bot.say(':as finance');
    const reply = await bot.say('find 2026-11');
    expect(reply).toMatch(/26112000000000100010 — [^\n]*— not in the tax data/);
    // 100022 is a red invoice: 正常 in the export, but named a red invoice so its negative total is not read as a sale.
    expect(reply).toMatch(/26112000000000100022 — [^\n]*— red invoice \(红字发票, 红冲\), normal \(正常\)/);
    expect(reply).toMatch(/26112000000000100013 — [^\n]*— normal \(正常\)/);
    expect(await bot.say('find 2026-13')).toContain('2026-13');
  });
});

describe('find hints', () => {
  it('suggests narrowing a search by an amount or a name alone, in both languages', async () => {
    bot = await startConsole();
    await bot.say(':as finance');
    expect(await bot.say('find 1130.00')).toContain('Only an amount: add the month or a company name');
    expect(await bot.say('查找 乙客户')).toContain('只有名称');
    expect(await bot.say('查找 乙客户 2026年11月')).not.toContain('只有名称');
  });

  it('points a message that is only a company name to find, in both languages, as a DM or after /invoice', async () => {
    bot = await startConsole();
    const zh = await bot.say('北京乙客户有限公司');
    expect(zh).toContain(
      '「北京乙客户有限公司」像是公司名称，不是发票号码。按公司查找发票：`/invoice 查找 北京乙客户有限公司`',
    );
    expect(zh).not.toContain('没有在消息中找到发票号码');
    expect(await bot.say('/invoice 北京乙客户有限公司')).not.toContain('我不认识命令');
    const en = await bot.say('Acme Trading Co., Ltd.');
    expect(en).toContain('“Acme Trading Co., Ltd.” looks like a company name, not an invoice id.');
    expect(en).toContain('`/invoice find Acme Trading Co., Ltd.`');
    // A word that is neither a command nor a name is still an unknown command.
    expect(await bot.say('/invoice frobnicate')).toContain('know the command');
  });
});
