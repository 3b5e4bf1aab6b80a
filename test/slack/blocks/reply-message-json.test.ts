import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DIR } from '../../../src/demo.js';
import type { Actor } from '../../../src/domain/actor.js';
import type { InvoiceCard, Reply } from '../../../src/flows/reply.js';
import { buildReplyMessage } from '../../../src/slack/blocks/build-reply-message.js';
import { replyMessageJson } from '../../../src/slack/blocks/reply-message-json.js';
import { demoConversation, demoPorts } from '../../helpers/demo-conversation.js';

// What Bolt sends for the same replies when the handler acks with the object: the text this writer must match.
const viaObjects = (replies: Reply[]) => {
  const message = buildReplyMessage(replies);
  return JSON.stringify({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
};

const card = (overrides: Partial<InvoiceCard> = {}): InvoiceCard => ({
  title: 'Invoice 26112000000000100010',
  fields: [
    { label: 'Type', value: '数电发票（普通发票）' },
    { label: 'Requester', value: 'UEMP', userId: 'UEMP' },
  ],
  timeline: {
    label: 'Timeline',
    steps: [
      { label: 'Issued', state: 'done', at: '2026-11-25 10:00' },
      { label: 'Uploaded', state: 'failed' },
      { label: 'Visible in tax system', state: 'pending', at: '≤ 2026-11-25 11:00' },
    ],
  },
  diagnosis: { headline: 'Not there yet.', evidence: ['Expected by 11:00.', 'Synced at 10:30.'], next: 'Wait.' },
  footer: ['Tax data last synced 2026-11-27 15:00'],
  actions: [
    { id: 'troubleshoot:D26112000000000100010', label: 'Troubleshoot', style: 'primary' },
    { id: 'escalate:D26112000000000100010', label: 'Escalate' },
  ],
  ...overrides,
});
const feedback: Reply = {
  kind: 'feedback',
  text: 'Did this solve it?',
  helpful: { id: 'feedback:D26112000000000100010:up', label: 'Yes, it solved it' },
  unhelpful: { id: 'feedback:D26112000000000100010:down', label: 'No, it did not' },
};
// Everything JSON must escape or Slack must not read as markup, in text that came from a person or a file.
const awkward = 'Say "hi" \\ <!channel> & <@U1> @{U2} @\u2060{U3}\n\ttab\u0001 👍 \ud800 \u2028 中文 *bold*';

describe('replyMessageJson', () => {
  it.each<[string, Reply[]]>([
    ['a card', [{ kind: 'invoice', card: card() }]],
    [
      'a card with a banner and its prompt',
      [{ kind: 'invoice', card: card({ banner: 'Maintenance until 18:00' }) }, feedback],
    ],
    [
      'a card with more fields than a section holds',
      [
        {
          kind: 'invoice',
          card: card({ fields: Array.from({ length: 23 }, (_, i) => ({ label: `F${i}`, value: `v${i}` })) }),
        },
      ],
    ],
    ['a card without buttons or footer', [{ kind: 'invoice', card: card({ actions: [], footer: [] }) }]],
    ['more footer notes than a context holds', [{ kind: 'invoice', card: card({ footer: Array(14).fill('note') }) }]],
    [
      'awkward text everywhere',
      [
        { kind: 'text', text: awkward },
        {
          kind: 'invoice',
          card: card({
            title: awkward,
            banner: awkward,
            fields: [
              { label: awkward, value: awkward },
              { label: 'Requester', value: awkward, userId: 'U9' },
            ],
            timeline: { label: awkward, steps: [{ label: awkward, state: 'done', at: awkward }] },
            diagnosis: { headline: awkward, evidence: [awkward], next: awkward },
            footer: [awkward],
            actions: [{ id: `escalate:${awkward}`, label: awkward, style: 'danger' }],
          }),
        },
        { ...feedback, text: awkward } as Reply,
      ],
    ],
    [
      'texts past their blocks’ limits',
      [
        { kind: 'text', text: 'x'.repeat(3100) },
        {
          kind: 'invoice',
          card: card({
            title: 't'.repeat(200),
            fields: [{ label: 'L', value: 'v'.repeat(2100) }],
            diagnosis: { headline: 'h', evidence: ['e'.repeat(2990)], next: 'n' },
            actions: [{ id: `lookup:${'k'.repeat(2100)}`, label: 'b'.repeat(80) }],
          }),
        },
      ],
    ],
    [
      'each character JSON escapes, alone in its string',
      ['"', '\\', '\n', '\u0001', '\u001f', '\ud800', '\udc00', '👍', '\u2028', '\u007f'].map(
        (c): Reply => ({ kind: 'text', text: `a${c}b` }),
      ),
    ],
    ['only text', [{ kind: 'text', text: 'No invoice id in that.' }]],
    ['nothing', []],
  ])('writes %s exactly as Bolt would send the built blocks', (_name, replies) => {
    expect(replyMessageJson(replies, 'ephemeral')).toBe(viaObjects(replies));
  });

  it('leaves lists, choices and charts to the block builder', () => {
    const list: Reply = { kind: 'list', title: 'Near matches', items: [{ text: 'a' }] };
    const choices: Reply = { kind: 'choices', text: 'Pick', choices: [{ id: 'lookup:D1', label: 'D1' }] };
    const chart: Reply = {
      kind: 'chart',
      chart: { type: 'bar', title: 'T', summary: 'S', categories: ['a'], series: [{ name: 'n', values: [1] }] },
    };
    for (const r of [list, choices, chart])
      expect(replyMessageJson([{ kind: 'text', text: 'x' }, r], 'ephemeral')).toBe(undefined);
  });

  it('leaves a message Slack’s limits would cut to the block builder', () => {
    const many: Reply[] = Array.from({ length: 49 }, (_, i) => ({ kind: 'text', text: `line ${i}` }));
    expect(replyMessageJson(many, 'ephemeral')).toBe(viaObjects(many));
    const tooMany: Reply[] = [...many, { kind: 'text', text: 'one more' }];
    expect(replyMessageJson(tooMany, 'ephemeral')).toBe(undefined);
    expect(buildReplyMessage(tooMany).blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '…' }],
    });
    const long: Reply[] = Array.from({ length: 5 }, () => ({ kind: 'text', text: 'y'.repeat(2500) }));
    expect(replyMessageJson(long, 'ephemeral')).toBe(undefined);
    expect(replyMessageJson(long.slice(0, 4), 'ephemeral')).toBe(viaObjects(long.slice(0, 4)));
  });

  it('writes a short message after a longer one, and after one it gave up on, as if it came first', () => {
    const short: Reply[] = [{ kind: 'text', text: 'short' }];
    const long: Reply[] = [{ kind: 'invoice', card: card() }, feedback];
    const over: Reply[] = Array.from({ length: 60 }, (_, i) => ({ kind: 'text', text: `line ${i}` }));
    expect(replyMessageJson(long, 'ephemeral')).toBe(viaObjects(long));
    expect(replyMessageJson(short, 'ephemeral')).toBe(viaObjects(short));
    expect(replyMessageJson(over, 'ephemeral')).toBe(undefined);
    expect(replyMessageJson(short, 'ephemeral')).toBe(viaObjects(short));
    expect(replyMessageJson(long, 'ephemeral')).toBe(viaObjects(long));
  });

  it('writes every demo invoice’s answer exactly as Bolt would, in both languages, masked and unmasked', async () => {
    const ids = ['ledger.csv', 'tax.csv'].flatMap((file) =>
      readFileSync(join(DEMO_DIR, file), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => {
          const [code, number, digital] = line.split(',');
          return digital || `${code} ${number}`;
        }),
    );
    const conversation = await demoConversation(await demoPorts());
    const people: Actor[] = [
      { userId: 'UALICE', role: 'employee' },
      { userId: 'UFIN', role: 'finance' },
    ];
    let written = 0;
    for (const actor of people)
      for (const language of ['en', 'zh'] as const) {
        await conversation.receive(actor, { kind: 'text', text: `lang ${language}` }, 'command');
        for (const id of [...ids, '26112000000000100099', '2611200000000010001', 'no id here'].map((s) => `${s}`)) {
          const replies = await conversation.receive(actor, { kind: 'text', text: id }, 'command');
          const json = replyMessageJson(replies, 'ephemeral');
          if (json === undefined) continue;
          expect(json).toBe(viaObjects(replies));
          written += 1;
        }
      }
    // Most answers are cards (a near-match list is left to the builder).
    expect(written).toBeGreaterThan(ids.length * 3);
  });
});
