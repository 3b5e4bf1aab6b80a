import { afterEach, describe, expect, it } from 'vitest';
import { renderText } from '../../src/console/render-text.js';
import { DEMO_NOW } from '../../src/demo.js';
import type { Actor } from '../../src/domain/actor.js';
import { parseDeductionRow } from '../../src/domain/deduction-row.js';
import { type ConsoleBot, pick, startConsole } from '../helpers/console-harness.js';
import { alice, demoConversation, demoDeductions, demoPorts, lead } from '../helpers/demo-conversation.js';
import { deductionCells } from '../helpers/rows.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

// data/demo/deduction.csv, imported on the demo day (Friday 2026-11-27, the November period open until 2026-12-15):
// 26112000000000100011 selected, 26312000000000100015 and 26112000000000100020 not selected, 26112000000000100004 locked
// by a red-letter form. 26312000000000100015 went to our Shanghai branch, which selects it itself (see
// filing-period.test.ts), so the not-selected invoice of the Beijing entity here is 26112000000000100020.
const SELECTED = '26112000000000100011';
const NOT_SELECTED = '26112000000000100020';
const LOCKED = '26112000000000100004';

describe('deduction status on the card (console transcripts on demo data)', () => {
  it('a selected invoice: selected in the November period, its deductible tax masked for an employee', async () => {
    bot = await startConsole();
    const card = await bot.say(SELECTED);
    expect(card).toContain(
      'Deduction (勾选): Selected for deduction (已勾选) in the November 2026 period; deductible tax ¥ •••• (deduction export of 2026-11-27 15:00).',
    );
    expect(card).not.toContain('¥65.00');
    await bot.say(':as finance');
    expect(await bot.say(SELECTED)).toContain('deductible tax ¥65.00');
  });

  it('a locked invoice: what 红字锁定 means, and what to do — an employee waits, finance handles the form', async () => {
    bot = await startConsole();
    const employee = await bot.say(LOCKED);
    expect(employee).toContain('Deduction (勾选): Locked by a pending red-letter form (红字锁定)');
    expect(employee).toContain('lapsed (unconfirmed forms lapse after 72 hours)');
    expect(employee).toContain('Nothing to do unless you did not expect a correction — then escalate it.');
    expect(employee).not.toContain('Finance: open 红字发票信息确认单');
    await bot.say(':as finance');
    const finance = await bot.say(LOCKED);
    expect(finance).toContain(
      'Finance: open 红字发票信息确认单 on the platform. If the seller proposed the form, confirm or refuse it within 72 hours',
    );
    expect(finance).not.toContain('Nothing to do unless');
  });

  it('a not-selected invoice: the period’s deadline counts down, and near it the advice turns urgent', async () => {
    bot = await startConsole();
    expect(await bot.say(NOT_SELECTED)).toContain(
      'Not selected for deduction yet (未勾选): it can be selected in the November 2026 period until 2026-12-15 (13 working days left) (deduction export of 2026-11-27 15:00). Finance selects it for deduction before the deadline; nothing to do for you if finance has the invoice.',
    );
    await bot.say(':clock 2026-12-11T10:00+08:00');
    const near = await bot.say(NOT_SELECTED);
    expect(near).toContain('⏰ Not selected for deduction yet (未勾选)');
    expect(near).toContain('until 2026-12-15 (3 working days left)');
    expect(near).toContain(
      'make sure finance has this invoice (hand it in if you have not) so they can select it by 2026-12-15',
    );
    await bot.say(':as finance');
    expect(await bot.say(NOT_SELECTED)).toContain(
      'Finance: select it in 抵扣类勾选 on the platform before 2026-12-15 and confirm the selection (申请统计/确认签名)',
    );
  });

  it('after the deadline the deduction moves to the current period', async () => {
    bot = await startConsole();
    await bot.say(':clock 2026-12-16T10:00+08:00');
    const card = await bot.say(NOT_SELECTED);
    expect(card).toContain('it can be selected in the December 2026 period until 2027-01-15 (provisional)');
    expect(card).toContain('Its own period has closed, so the deduction moved to the current one.');
  });

  it('says it in Chinese', async () => {
    bot = await startConsole();
    await bot.say('/invoice lang zh');
    expect(await bot.say(SELECTED)).toContain('抵扣勾选: 已勾选抵扣，所属期2026年11月');
    expect(await bot.say(LOCKED)).toContain('红字锁定：这张发票有一张待确认的红字发票信息确认单');
    expect(await bot.say(NOT_SELECTED)).toContain(
      '尚未勾选抵扣：可在2026年11月所属期勾选，截止 2026-12-15（还剩 13 个工作日）',
    );
  });

  it('an invoice we issued, or a legacy one the export cannot list, gets no deduction line', async () => {
    bot = await startConsole();
    expect(await bot.say('26112000000000100010')).not.toContain('Deduction (勾选)');
    expect(await bot.say('1100254130 20000017')).not.toContain('Deduction (勾选)');
  });
});

describe('deduction status in the walk-through and the reminders', () => {
  it('the walk-through opens with the deduction line, per reader', async () => {
    bot = await startConsole();
    const walk = await bot.say(`/invoice check ${LOCKED}`);
    expect(walk).toContain('🧾 Locked by a pending red-letter form (红字锁定)');
    expect(walk).toContain('Nothing to do unless you did not expect a correction');
    const card = await bot.say(NOT_SELECTED);
    const resumed = await bot.say(pick(card, 'Troubleshoot'));
    expect(resumed).toContain('🧾 Not selected for deduction yet (未勾选)');
  });

  it('three working days before the deadline finance is reminded of the received invoices not selected yet', async () => {
    bot = await startConsole();
    const reply = await bot.say(':clock 2026-12-11T10:00+08:00');
    expect(reply).toContain(
      '🧾 2 received invoice(s) of the November 2026 period are not selected for deduction yet (due 2026-12-15, 3 working days left):',
    );
    expect(reply).toContain(`• ${NOT_SELECTED} — not selected (未勾选) — @UDEMOEMP`);
    // The Shanghai branch's invoice is selected by that entity's finance, not ours: not on our list.
    expect(reply).not.toContain('26312000000000100015');
    expect(reply).toContain(`• ${LOCKED} — locked by a pending red-letter form (红字锁定)`);
    expect(reply).not.toContain(`• ${SELECTED} —`);
  });
});

// 26312000000000100015 went to our Shanghai branch. Exported from that entity's 勾选 list as selected, or locked by a
// red-letter form, it is still that entity's to deduct: our period is not its period, and our finance cannot act on
// its 红字发票信息确认单.
describe('the deduction line of an invoice our branch bought', () => {
  const BRANCH_INVOICE = '26312000000000100015';
  const BRANCH = '北京示例科技有限公司上海分公司';

  async function cardAs(actor: Actor, language: 'en' | 'zh', cells: Record<string, string>) {
    const parsed = parseDeductionRow(
      deductionCells({
        数电发票号码: BRANCH_INVOICE,
        开票日期: '2026-11-12 09:00:00',
        金额: '4000.00',
        票面税额: '520.00',
        有效抵扣税额: '520.00',
        购买方识别号: '91310115MA0BRNCH2L',
        ...cells,
      }),
      2,
      'Asia/Shanghai',
    );
    if (!parsed.ok) throw new Error('fixture row is invalid');
    const deductions = await demoDeductions();
    await deductions.importSelections([parsed.record], { file: 'branch.csv', period: '2026-11' }, DEMO_NOW);
    const conversation = await demoConversation(await demoPorts({ deductions }));
    if (language === 'zh') await conversation.receive(actor, { kind: 'text', text: 'lang zh' }, 'dm');
    const card = renderText(await conversation.receive(actor, { kind: 'text', text: BRANCH_INVOICE }, 'dm')).text;
    return card.split('\n').find((l) => l.startsWith(language === 'en' ? 'Deduction (勾选):' : '抵扣勾选:')) ?? '';
  }

  it('selected: by the branch, in its own period, not in ours', async () => {
    const line = await cardAs(lead, 'en', { 是否勾选: '是' });
    expect(line).toContain(
      `Selected for deduction (已勾选) by ${BRANCH}, in its own period under its own tax bureau; deductible tax ¥520.00`,
    );
    expect(line).not.toContain('November 2026 period');
    const zh = await cardAs(lead, 'zh', { 是否勾选: '是' });
    expect(zh).toContain(`已由${BRANCH}勾选抵扣（在其自己的所属期、向其主管税务机关申报）；有效抵扣税额 ¥520.00`);
    expect(zh).not.toContain('所属期2026年11月');
  });

  it('locked by a red-letter form: the branch’s finance handles the form, not ours', async () => {
    const locked = { 红字锁定标志: '已锁定' };
    const finance = await cardAs(lead, 'en', locked);
    expect(finance).toContain('Locked by a pending red-letter form (红字锁定)');
    expect(finance).toContain(
      `Finance: not ours to handle — ${BRANCH}'s finance confirms or refuses the 红字发票信息确认单 in its own tax account (the Beijing entity cannot act on it)`,
    );
    expect(finance).not.toContain('Finance: open 红字发票信息确认单');
    const employee = await cardAs(alice, 'en', locked);
    expect(employee).toContain(`pending between the seller and ${BRANCH}'s finance team`);
    expect(employee).toContain("then ask that entity's finance team.");
    expect(employee).not.toContain('between the seller and our finance team');
    const zhFinance = await cardAs(lead, 'zh', locked);
    expect(zhFinance).toContain(
      `财务：无需我方处理——由${BRANCH}的财务在其自己的税务账户中确认或拒绝这张红字发票信息确认单`,
    );
    expect(zhFinance).not.toContain('财务：在平台上打开「红字发票信息确认单」');
    const zhEmployee = await cardAs(alice, 'zh', locked);
    expect(zhEmployee).toContain(`正在由销售方与${BRANCH}的财务办理红字更正`);
    expect(zhEmployee).not.toContain('与我方财务');
  });
});
