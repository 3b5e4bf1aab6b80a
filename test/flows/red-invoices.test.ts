import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

describe('red invoices both ways (console transcripts on demo data)', () => {
  it('says which blue invoice a red invoice reverses, from its 备注, in both languages', async () => {
    bot = await startConsole();
    const en = await bot.say('26312000000000012399');
    expect(en).toContain('This is a red-letter (negative) invoice: it reverses 26312000000000012345.');
    expect(en).not.toContain('Ask finance to record it in the ERP');
    expect(await bot.say('红字发票 26312000000000012399 是什么')).toContain('冲销的蓝字发票是 26312000000000012345');
  });

  it('shows a partially reversed invoice’s red amount and what remains, in both languages', async () => {
    bot = await startConsole();
    expect(await bot.say('26112000000000100002')).toContain('Reversed: -¥5,650.00; remaining: ¥16,950.00.');
    expect(await bot.say('发票 26112000000000100002 部分红冲了吗')).toContain('已冲销 -¥5,650.00，剩余 ¥16,950.00。');
  });

  it('names the red invoice of a fully reversed one, in both languages, and offers no deduction period for it', async () => {
    bot = await startConsole();
    const en = await bot.say('26312000000000012345');
    expect(en).toContain('Reversed by 26312000000000012399.');
    expect(en).not.toContain('Filing period:');
    const zh = await bot.say('发票 26312000000000012345 查不到');
    expect(zh).toContain('冲销它的红字发票：26312000000000012399。');
    expect(zh).not.toContain('勾选确认');
  });

  it('shows a red invoice as a red invoice in find results and on its card, not as a normal one, in both languages', async () => {
    bot = await startConsole();
    await bot.say(':as finance');
    const en = await bot.say('find 2026-03');
    expect(en).toContain(
      '26312000000000012399 — 2026-03-05 — 上海示例供应链有限公司 → 北京示例科技有限公司 — -¥1,130.00 — red invoice (红字发票, 红冲), normal (正常)',
    );
    expect(en).toContain(
      '26312000000000012345 — 2026-03-02 — 上海示例供应链有限公司 → 北京示例科技有限公司 — ¥1,130.00 — red-reversed (已红冲)',
    );
    expect(await bot.say('26312000000000012399')).toContain('Tax system: red invoice (红字发票, 红冲), normal (正常)');
    const zh = await bot.say('查找 2026年3月');
    expect(zh).toContain('-¥1,130.00 — 红字发票（红冲），正常');
    expect(zh).not.toMatch(/-¥1,130.00 — 正常/);
    expect(await bot.say('红字发票 26312000000000012399 是什么')).toContain('税务系统: 红字发票（红冲），正常');
  });

  it('tells finance a received red invoice is not selected for deduction but transferred out, in both languages', async () => {
    bot = await startConsole();
    await bot.say(':as finance');
    const en = await bot.say('26312000000000012399');
    expect(en).toContain(
      'Filing period: A red invoice is not selected for deduction: if the invoice it reverses was deducted, that input VAT is transferred out (进项税额转出) in the March 2026 return, due 2026-04-20.',
    );
    expect(en).not.toContain('Deduction (勾选)');
    expect(en).not.toContain('select it in 抵扣类勾选');
    const zh = await bot.say('红字发票 26312000000000012399 是什么');
    expect(zh).toContain('所属期: 红字发票无需勾选抵扣：被冲销的蓝字发票如已抵扣，其进项税额在2026年3月的申报中转出');
    expect(zh).not.toContain('抵扣勾选:');
  });
});
