import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

// Demo data: 北京示例办公用品有限公司 (91110105MA07PPLY46) sold us …100004 (ledger and tax) and …100011 (tax only).
describe('find by taxpayer id (console transcripts on demo data)', () => {
  it('lists every invoice whose seller or buyer has the id, for finance, in both languages', async () => {
    bot = await startConsole();
    await bot.say(':as finance');
    const en = await bot.say('find 91110105ma07pply46');
    expect(en).toContain('2 invoice(s) match');
    expect(en).toContain('26112000000000100004');
    expect(en).toContain('26112000000000100011');
    expect(en).not.toContain('26112000000000100002');
    const zh = await bot.say('查找 91110105MA07PPLY46 2026年11月');
    expect(zh).toContain('26112000000000100011');
    expect(zh).not.toContain('26112000000000100004');
  });

  it('finds by the buyer’s id too, and refuses an id whose check character is wrong', async () => {
    bot = await startConsole();
    await bot.say(':as admin');
    const buyer = await bot.say('find 91110106MA05CUTB2F 2026-10');
    expect(buyer).toContain('26112000000000100002');
    expect(buyer).toContain('1 invoice(s) match');
    expect(await bot.say('find 91110106MA05CUTB2G')).toContain('“91110106MA05CUTB2G” is not a valid 统一社会信用代码');
    expect(await bot.say('查找 91110106MA05CUTB2G')).toContain('「91110106MA05CUTB2G」不是有效的统一社会信用代码');
  });

  it('tells an employee that finding by tax id is for finance, in both languages', async () => {
    bot = await startConsole();
    const en = await bot.say('find 91110105MA07PPLY46');
    expect(en).toContain('Finding invoices by taxpayer id is for finance leads and admins');
    expect(en).not.toContain('26112000000000100011');
    expect(await bot.say('查找 91110105MA07PPLY46')).toContain('按纳税人识别号查找发票仅限财务负责人和管理员使用');
  });

  it('lists it in the finance group of help, not for employees', async () => {
    bot = await startConsole();
    expect(await bot.say('help')).not.toContain('find <tax id>');
    await bot.say(':as finance');
    expect(await bot.say('help')).toContain('`/invoice find <tax id>`');
    expect(await bot.say('帮助')).toContain('`/invoice 查找 <税号>`');
  });
});
