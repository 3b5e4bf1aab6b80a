import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleBot, startConsole } from '../helpers/console-harness.js';

let bot: ConsoleBot;
afterEach(async () => {
  await bot?.quit();
});

describe('helpReplies (console transcripts)', () => {
  it('shows an employee every command they may use, and no finance or admin command', async () => {
    bot = await startConsole();
    const help = await bot.say('help');
    for (const command of ['/invoice find', '/invoice check', '/invoice escalate', '/invoice escalations'])
      expect(help).toContain(command);
    expect(help).toContain('/invoice watch');
    expect(help).toContain('/invoice notices');
    expect(help).toContain('/invoice lang');
    expect(help).not.toContain('/invoice sync');
    expect(help).not.toContain('For finance leads');
    expect(help).not.toContain('/invoice notice`');
  });

  it('groups the commands by role for finance and admins', async () => {
    bot = await startConsole();
    await bot.say(':as finance');
    const finance = await bot.say('help');
    expect(finance).toContain('For finance leads');
    expect(finance).toContain('/invoice sync');
    expect(finance).toContain('/invoice escalation claim');
    expect(finance).not.toContain('For admins');
    await bot.say(':as admin');
    const admin = await bot.say('帮助');
    expect(admin).toContain('所有人可用');
    expect(admin).toContain('财务负责人（及管理员）可用');
    expect(admin).toContain('管理员可用');
    expect(admin).toContain('/invoice 公告');
  });

  it('names every command in Chinese in the Chinese help, and the Chinese names work', async () => {
    bot = await startConsole();
    const help = await bot.say('帮助');
    for (const command of ['/invoice 上报列表', '/invoice 维护', '/invoice 语言 en|zh', '/invoice 申报期'])
      expect(help).toContain(command);
    expect(await bot.say('帮助 维护')).toContain('示例：`/invoice 维护`');
    expect(await bot.say('/invoice 维护')).toContain('目前没有已安排或进行中的维护');
    expect(await bot.say('/invoice 上报列表')).toContain('没有可显示的上报');
  });

  it('explains one command with an example, named in English or Chinese', async () => {
    bot = await startConsole();
    const find = await bot.say('help find');
    expect(find).toContain('Finds invoices by what you remember');
    expect(find).toContain('Example: `/invoice find');
    const escalate = await bot.say('帮助 上报');
    expect(escalate).toContain('把问题上报给财务');
    expect(escalate).toContain('示例：`/invoice 上报');
  });

  it('names an unknown help topic and lists the commands instead', async () => {
    bot = await startConsole();
    expect(await bot.say('help frobnicate')).toMatch(/There is no command “frobnicate”[\s\S]*\/invoice check/);
    expect(await bot.say('帮助 乱码')).toMatch(/没有「乱码」这个命令[\s\S]*\/invoice 排查/);
  });
});
