import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, startConsole } from '../helpers/console-harness.js';
import { choicesOf, demoConversation, demoPorts } from '../helpers/demo-conversation.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

const employee = { userId: 'UDEMOEMP', role: 'employee' as const };
const text = (replies: Array<{ kind: string; text?: string }>) => replies.map((r) => r.text ?? '').join('\n');

describe('lost invoices (console transcripts)', () => {
  it('answers 发票丢了 without an id in Chinese with every remedy and asks for the id', async () => {
    bot = await startConsole();
    const reply = await bot.say('发票丢了');
    expect(reply).toContain('电子发票不会真正丢失');
    expect(reply).toContain('加盖其发票专用章的记账联复印件');
    expect(reply).toContain('由我方财务提供');
    expect(reply).toContain('/invoice 丢失');
    expect(reply).not.toContain('I could not find an invoice id');
  });

  it('tells an English asker that an electronic invoice is downloaded again, and names the platform search', async () => {
    bot = await startConsole();
    const reply = await bot.say('I lost invoice 26112000000000100001');
    expect(reply).toContain('Lost invoice 26112000000000100001');
    expect(reply).toContain('issued by us');
    expect(reply).toContain('issue date 2026-11-10, total ¥5,300.00');
    expect(reply).toContain('download it again from the tax platform');
    expect(reply).toContain('same legal effect');
    expect(reply).toContain('[1] Escalate: lost invoice');
  });

  it('gives the paper special invoice we received the seller’s stamped 记账联 remedy (发票丢失怎么办)', async () => {
    bot = await startConsole();
    const reply = await bot.say('发票丢失怎么办 1100254130 20000017');
    expect(reply).toContain('由我方取得');
    expect(reply).toContain('开票日期 2026-10-12，价税合计 ¥2,260.00');
    expect(reply).toContain('专用发票可凭该复印件作为进项税额抵扣凭证');
    expect(reply).toContain('报销前务必先告知财务');
    expect(reply).toContain('[1] 上报：发票丢失');
  });

  it('says our finance provides the stamped copy of a paper invoice we issued (`lost` sub-command)', async () => {
    bot = await startConsole();
    const reply = await bot.say('lost 011002600104 10000018');
    expect(reply).toContain('Paper invoice we issued, lost by the customer: our finance provides a copy');
    expect(reply).not.toContain('ask the seller');
  });

  it('hides the total from someone who may not see it', async () => {
    // The demo invoice 26312000000000100015 belongs to UDEMOEMP; another employee must not see its total.
    const core = await demoConversation(await demoPorts());
    const replies = await core.receive(
      { userId: 'UOTHER', role: 'employee' },
      { kind: 'text', text: 'I lost invoice 26312000000000100015' },
      'dm',
    );
    expect(text(replies)).toContain('issue date 2026-11-12, and the total on your records');
    expect(text(replies)).not.toContain('4,520.00');
  });

  it('escalates with the reason “lost invoice”, and finance’s resolve choices suggest that cause first', async () => {
    bot = await startConsole();
    await bot.say('lost 011002600104 10000018');
    expect(await bot.say('1')).toContain('📄 Reason: lost invoice');
    const filed = await bot.say('1');
    expect(filed).toContain('[#C0ESCALATIONS]');
    expect(filed).toContain('📄 Reason: lost invoice');
    await bot.say(':as finance');
    await bot.say('escalations');
    await bot.say('1');
    expect(await bot.say('4')).toMatch(/\[1\] Lost invoice\s+\[2\] Update \/ maintenance window/);
  });

  it('offers “I have lost it” on the walk-through’s first screen, closes the walk-through and gives the remedy', async () => {
    const ports = await demoPorts();
    const conversation = await demoConversation(ports);
    const first = await conversation.receive(employee, { kind: 'text', text: 'check 26112000000000100010' }, 'dm');
    const lost = choicesOf(first).find((c) => c.label === 'I have lost it');
    expect(lost).toBeDefined();
    const reply = await conversation.receive(employee, { kind: 'choice', choiceId: lost?.id ?? '' }, 'dm');
    expect(text(reply)).toContain('Electronic invoices are not really lost');
    expect(await ports.sessions.active('UDEMOEMP', 'D26112000000000100010')).toBeUndefined();
    expect(ports.audit.entries.some((e) => e.action === 'checklist_abandoned' && e.detail?.includes('(lost)'))).toBe(
      true,
    );
    // A later step does not offer it again.
    const next = choicesOf(
      await conversation.receive(employee, { kind: 'text', text: 'check 26112000000000100008' }, 'dm'),
    );
    const step = next.find((c) => c.label === 'Next step');
    const later = await conversation.receive(employee, { kind: 'choice', choiceId: step?.id ?? '' }, 'dm');
    expect(choicesOf(later).map((c) => c.label)).not.toContain('I have lost it');
  });

  it('offers 发票丢了 in a Chinese walk-through', async () => {
    bot = await startConsole();
    expect(await bot.say('排查 26112000000000100010')).toContain('发票丢了');
  });

  it('passes “I lost it” to finance when finance is waiting on the requester', async () => {
    bot = await startConsole();
    await bot.say('escalate 26112000000000100010 please check');
    await bot.say(':as finance');
    await bot.say('escalation waiting ESC-20261127-001 Do you still have any copy of it?');
    await bot.say(':as employee');
    expect(await bot.say('sorry, I lost the paper copy')).toContain('Passed on to finance in ESC-20261127-001');
  });
});

describe('referred to the tax authority', () => {
  it('tells the requester about 12366 and the local tax bureau, in their language', async () => {
    bot = await startConsole();
    await bot.say('lang zh');
    await bot.say('上报 26112000000000100010 请帮忙');
    await bot.say(':as finance');
    const resolved = await bot.say('escalation resolve ESC-20261127-001 tax_authority 已转 12366');
    expect(resolved).toContain('财务已将此事转交税务机关处理');
    expect(resolved).toContain('12366 纳税服务热线');
    expect(resolved).toContain('主管税务机关的技术支持');
  });

  it('says so in English, and lists the cause in the usage', async () => {
    bot = await startConsole();
    await bot.say('escalate 26112000000000100010 please check');
    await bot.say(':as finance');
    expect(await bot.say('escalation resolve ESC-20261127-001 nonsense x')).toContain(
      '8 Referred to the tax authority',
    );
    const resolved = await bot.say('escalation resolve ESC-20261127-001 tax_authority Referred to the bureau');
    expect(resolved).toContain('Resolved — cause: Referred to the tax authority.');
    expect(resolved).toContain('Call the 12366 tax service hotline');
  });
});

describe('lost invoices from every entry point (conversation)', () => {
  it.each([
    ['a slash command sentence in Chinese', '发票丢了', 'command', '电子发票不会真正丢失'],
    ['a slash command sentence in English', 'I lost invoice 26112000000000100001', 'command', 'download it again'],
    ['the lost sub-command in Chinese', '丢失 1100254130 20000017', 'command', '加盖其发票专用章的记账联复印件'],
    ['a DM', 'I misplaced invoice 011002600104 10000018', 'dm', 'our finance provides a copy'],
  ] as const)('answers %s', async (_what, text, surface, expected) => {
    const conversation = await demoConversation(await demoPorts());
    const replies = await conversation.receive(employee, { kind: 'text', text }, surface);
    expect(JSON.stringify(replies)).toContain(expected);
  });

  it('masks the total in a channel thread (@mention), even for the requester', async () => {
    const conversation = await demoConversation(await demoPorts());
    const replies = await conversation.receive(
      employee,
      { kind: 'text', text: '<@UBOT> I lost invoice 26112000000000100001' },
      'mention',
    );
    expect(JSON.stringify(replies)).toContain('issue date 2026-11-10, and the total on your records');
    expect(JSON.stringify(replies)).not.toContain('5,300.00');
  });

  it('gives both paper remedies for a paper invoice that is not in our records, and still offers to escalate', async () => {
    const conversation = await demoConversation(await demoPorts());
    const replies = await conversation.receive(
      employee,
      { kind: 'text', text: 'I lost invoice 1100164160 12345678' },
      'dm',
    );
    const text = JSON.stringify(replies);
    expect(text).toContain('It is not in our records');
    expect(text).toContain('if we received it, ask the seller');
    expect(text).toContain('if we issued it, our finance provides');
    expect(choicesOf(replies).map((c) => c.id)).toEqual(['lostesc:L1100164160-12345678']);
  });

  it('does not take “lose” for a lost invoice', async () => {
    const conversation = await demoConversation(await demoPorts());
    const replies = await conversation.receive(
      employee,
      { kind: 'text', text: 'I do not want to lose the deduction on 26112000000000100001' },
      'dm',
    );
    expect(replies.some((r) => r.kind === 'invoice')).toBe(true);
  });
});
