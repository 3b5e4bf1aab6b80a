import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../src/demo.js';
import { createManualClock } from '../../src/lib/clocks.js';
import type { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { type HttpBot, SIGNING_SECRET as SECRET, startHttpBot } from '../helpers/http-bot.js';
import { ackedMessage, FORM, postSigned, slashCommand } from '../helpers/slack-requests.js';

// Issue 12's answers as Slack delivers them: signed slash commands in, answers in the ack body out.
describe('answers over signed HTTP (help, ids in any wording)', () => {
  let fake: FakeSlackApi;
  let events: string;
  let http: HttpBot;

  beforeAll(async () => {
    const clock = createManualClock(DEMO_NOW);
    http = await startHttpBot({ FINANCE_LEADS: 'U0FIN' }, clock);
    ({ fake, events } = http);
  });

  afterAll(async () => {
    await http?.close();
  });

  /** Sends `/invoice <text>` as `user` and returns the JSON of the answer its ack carried. */
  async function command(text: string, name: string, user = 'U0HUMAN'): Promise<string> {
    const res = await postSigned(events, slashCommand(text, `${fake.url}/response/${name}`, user), FORM, SECRET);
    expect(res.status).toBe(200);
    return JSON.stringify(ackedMessage(res) ?? {});
  }

  it('shows an employee the employee commands and a finance lead the finance group too', async () => {
    const employee = await command('help', 'help-employee');
    expect(employee).toContain('/invoice escalate');
    expect(employee).not.toContain('/invoice sync');
    const finance = await command('帮助', 'help-finance', 'U0FIN');
    expect(finance).toContain('财务负责人（及管理员）可用');
    expect(finance).toContain('/invoice 同步');
  });

  it('explains one command with an example', async () => {
    expect(await command('help check', 'help-check')).toContain('Walks you through the troubleshooting checklist');
  });

  it('looks up 代码 … 号码 … instead of answering an unknown command', async () => {
    const reply = await command('代码 011002600111 号码 10000007', 'wording-zh');
    expect(reply).toContain('011002600111 / 10000007');
    expect(reply).not.toContain('我不认识命令');
  });

  it('answers find by tax id with one table block for finance, and tells an employee it is for finance', async () => {
    const found = JSON.parse(await command('find 91110105MA07PPLY46', 'find-tax-id', 'U0FIN')) as {
      blocks: Array<{ type: string; rows?: Array<Array<{ type: string; text: string }>> }>;
    };
    const tables = found.blocks.filter((b) => b.type === 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0]?.rows?.map((r) => r[0]?.text)).toEqual([
      'Invoice',
      '26112000000000100011',
      '26112000000000100004',
    ]);
    const employee = await command('查找 91110105MA07PPLY46', 'find-tax-id-employee');
    expect(employee).toContain('仅限财务负责人和管理员使用');
    expect(employee).not.toContain('"type":"table"');
  });

  it('shows the 发票风险等级 on the card', async () => {
    const card = await command('26112000000000100001', 'risk');
    expect(card).toMatch(/发票风险等级\)?\*\\n正常/);
  });

  it('names a red invoice in the find table’s status column, not “normal”', async () => {
    const found = JSON.parse(await command('find 2026-03', 'find-red', 'U0FIN')) as {
      blocks: Array<{ type: string; rows?: Array<Array<{ type: string; text: string }>> }>;
    };
    const rows = found.blocks.find((b) => b.type === 'table')?.rows ?? [];
    const red = rows.find((r) => r[0]?.text === '26312000000000012399');
    expect(red?.at(-1)?.text).toBe('red invoice (红字发票, 红冲), normal (正常)');
    const zh = await command('查找 2026年3月', 'find-red-zh', 'U0FIN');
    expect(zh).toContain('红字发票（红冲），正常');
  });

  it('answers a slash command that is only a company name with how to find its invoices', async () => {
    const reply = await command('北京乙客户有限公司', 'company-name');
    expect(reply).toContain('像是公司名称');
    expect(reply).toContain('/invoice 查找 北京乙客户有限公司');
    expect(reply).not.toContain('我不认识命令');
  });
});
