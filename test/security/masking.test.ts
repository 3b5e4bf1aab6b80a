import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DIR } from '../../src/demo.js';
import type { Actor } from '../../src/domain/actor.js';
import { formatYuan, parseYuan } from '../../src/domain/money.js';
import { en } from '../../src/i18n/en.js';
import { zh } from '../../src/i18n/zh.js';
import { choicesOf, demoCore, demoPorts, lead } from '../helpers/demo-conversation.js';

// Every amount and taxpayer id in the demo data, in every form the bot could print it.
function secrets(): { amounts: RegExp; taxIds: string[] } {
  const cells = ['ledger', 'tax'].flatMap((source) =>
    readFileSync(join(DEMO_DIR, `${source}.csv`), 'utf8')
      .split('\n')
      .flatMap((line) => line.split(',')),
  );
  const taxIds = [...new Set(cells.filter((c) => /^[0-9A-Z]{18}$/.test(c) && /[A-Z]/.test(c)))];
  const fen = [...new Set(cells.filter((c) => /^-?\d+\.\d\d$/.test(c)).map((c) => parseYuan(c) ?? 0))].filter(
    (v) => v !== 0,
  );
  const forms = fen.flatMap((v) => [formatYuan(Math.abs(v)), (Math.abs(v) / 100).toFixed(2), String(Math.abs(v))]);
  const escaped = forms.map((f) => f.replace(/[.,]/g, (c) => `\\${c}`));
  // Digits around a form belong to something else (an invoice number, a time), so only whole numbers count.
  return { amounts: new RegExp(`(?<![\\d,.])(${escaped.join('|')})(?![\\d,]|\\.\\d)`), taxIds };
}

const { amounts, taxIds } = secrets();

// The walk-through's question shows an example amount; it is the catalogue's, not a record's.
const EXAMPLES = [en.checklist.askTotal, zh.checklist.askTotal];

function expectNothingSensitive(what: string, raw: string): void {
  const text = EXAMPLES.reduce((t, example) => t.replaceAll(example, ''), raw);
  expect(text, what).not.toMatch(amounts);
  for (const id of taxIds) expect(text, `${what}: tax id ${id}`).not.toContain(id);
}

// Every invoice of the demo data; none belongs to UOTHER.
const IDS = readFileSync(join(DEMO_DIR, 'ledger.csv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((line) => {
    const [code = '', number = '', digital = ''] = line.split(',');
    return digital || `${code} ${number}`;
  })
  .concat(['26112000000000100011', '26112000000000100061', '00412345']);

const stranger: Actor = { userId: 'UOTHER', role: 'employee' };

describe('the masking rule, as an attacker who is not the requester', () => {
  it('finds no amount or tax id in any reply kind: card, evidence, near matches, find, walk-through, form, escalation post, thread, DMs, App Home list', async () => {
    const ports = await demoPorts();
    const core = await demoCore(ports, { channel: 'C0ESC' });
    const ask = async (text: string, actor = stranger) =>
      core.conversation.receive(actor, { kind: 'text', text }, 'command');
    const seen: string[] = [];
    for (const id of IDS) {
      const card = await ask(id);
      seen.push(JSON.stringify(card));
      // Each near match and the card's own buttons: click them all.
      for (const choice of choicesOf(card).filter((c) => c.id.startsWith('lookup:')))
        seen.push(
          JSON.stringify(await core.conversation.receive(stranger, { kind: 'choice', choiceId: choice.id }, 'command')),
        );
      seen.push(JSON.stringify(await ask(`check ${id}`)));
      seen.push(
        await core.escalations.describe(
          stranger,
          choicesOf(card)
            .find((c) => c.id.startsWith('escalate:'))
            ?.id.slice(9) ?? 'D26112000000000100012',
          'en',
        ),
      );
    }
    // The walk-through's entry step for a visible invoice: wrong date and total, then the answers are compared.
    await ask('check 26112000000000100001');
    for (const answer of ['check 20261112', 'check 1.00']) seen.push(JSON.stringify(await ask(answer)));
    for (const q of ['find 1130.00', 'find 5300', 'find 2026-11-01..2026-11-30', 'find 乙客户', 'find 2026-03-02'])
      seen.push(JSON.stringify(await ask(q)));
    // Escalations about a disagreement and a wrong buyer: the post, the thread, the DMs, the list, the Details button.
    for (const id of ['26112000000000100012', '26112000000000100013'])
      seen.push(JSON.stringify(await ask(`escalate ${id} please`)));
    const esc = await ports.escalations.all();
    await core.escalations.act(lead, `claim ${esc[0]?.id}`, 'en');
    await core.escalations.act(lead, `resolve ${esc[1]?.id} buyer Re-issued`, 'en');
    seen.push(JSON.stringify(await core.escalations.list(stranger, 'all', 'zh')));
    seen.push(JSON.stringify(await core.escalations.list(lead, 'all', 'en')));
    seen.push(
      JSON.stringify(
        await core.conversation.receive(stranger, { kind: 'choice', choiceId: `escdetails:${esc[0]?.id}` }, 'command'),
      ),
    );
    seen.push(
      JSON.stringify(
        await core.conversation.receive(lead, { kind: 'choice', choiceId: `escview:${esc[0]?.id}` }, 'command'),
      ),
    );
    seen.push(...ports.notifier.sent.map((s) => `${s.kind} ${s.to}: ${s.text}`));
    expect(ports.notifier.sent.some((s) => s.to === 'C0ESC')).toBe(true);
    for (const text of seen) expectNothingSensitive(text.slice(0, 120), text);
  });

  it('masks a finance lead’s @mention answer too: the thread is shared', async () => {
    const core = await demoCore(await demoPorts());
    for (const id of ['26112000000000100012', '26112000000000100013', '26442000000000200003']) {
      const replies = await core.conversation.receive(lead, { kind: 'text', text: id }, 'mention');
      expectNothingSensitive(id, JSON.stringify(replies));
    }
    const found = await core.conversation.receive(lead, { kind: 'text', text: 'find 1130.00' }, 'mention');
    expectNothingSensitive('find in a thread', JSON.stringify(found));
  });

  it('answers Details on an escalation post with the full card for finance only', async () => {
    const ports = await demoPorts();
    const core = await demoCore(ports, { channel: 'C0ESC' });
    await core.conversation.receive(stranger, { kind: 'text', text: 'escalate 26112000000000100012' }, 'command');
    const id = (await ports.escalations.all())[0]?.id ?? '';
    const post = ports.notifier.sent.find((s) => s.to === 'C0ESC')?.text ?? '';
    expect(post).toContain('total: ours and the tax system');
    const details = await core.conversation.receive(lead, { kind: 'choice', choiceId: `escdetails:${id}` }, 'command');
    expect(JSON.stringify(details)).toContain('total: ours ¥1,130.00, tax system ¥1,310.00');
    // Yuan with two decimals and grouping in Chinese too, never the stored fen.
    await ports.prefs.setLanguage('UFIN', 'zh');
    const zh = JSON.stringify(
      await core.conversation.receive(lead, { kind: 'text', text: '26112000000000100012' }, 'dm'),
    );
    expect(zh).toContain('价税合计：我方 ¥1,130.00，税务系统 ¥1,310.00');
    expect(zh).not.toMatch(/113000|131000/);
    const refused = await core.conversation.receive(
      stranger,
      { kind: 'choice', choiceId: `escdetails:${id}` },
      'command',
    );
    expect(JSON.stringify(refused)).toContain('only finance leads and admins');
  });

  it('does not let an exact amount confirm that someone else’s invoice exists', async () => {
    const core = await demoCore(await demoPorts());
    const text = async (actor: Actor) =>
      JSON.stringify(await core.conversation.receive(actor, { kind: 'text', text: 'find 1130.00' }, 'command'));
    expect(await text(stranger)).toContain('No invoice matches');
    expect(await text({ userId: 'UDEMOEMP', role: 'employee' })).toContain('26112000000000100012');
    expect(await text(lead)).toContain('26112000000000100012');
  });

  it('says only “does not match” in the walk-through to someone who may not see the record', async () => {
    const core = await demoCore(await demoPorts());
    const say = async (actor: Actor, text: string) =>
      JSON.stringify(await core.conversation.receive(actor, { kind: 'text', text }, 'command'));
    const owner: Actor = { userId: 'UDEMOEMP', role: 'employee' };
    for (const actor of [stranger, owner]) {
      await say(actor, 'check 26112000000000100001');
      await say(actor, 'check 20261110');
      const result = await say(actor, 'check 1.00');
      expect(result).toContain('The issue date you search with (2026-11-10) matches the record.');
      if (actor === owner) expect(result).toContain('its total is ¥5,300.00');
      else {
        expect(result).toContain('The total you search with (¥1.00) does not match the record.');
        expect(result).not.toMatch(/5,300|5300/);
      }
      // The record's issue date is a record value too: a wrong date is answered without it (a fresh walk-through).
      const again = await demoCore(await demoPorts());
      let dated = '';
      for (const text of ['check 26112000000000100001', 'check 20261112', 'check 5300.00'])
        dated = JSON.stringify(await again.conversation.receive(actor, { kind: 'text', text }, 'command'));
      if (actor === owner) expect(dated).toContain('but it was issued on 2026-11-10');
      else {
        expect(dated).toContain('The issue date you search with (2026-11-12) does not match the record.');
        expect(dated).not.toContain('2026-11-10');
      }
    }
  });
});
