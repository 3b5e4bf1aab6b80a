import { describe, expect, it } from 'vitest';
import type { InvoiceCard, Reply } from '../../../src/flows/reply.js';
import { buildReplyMessage } from '../../../src/slack/blocks/build-reply-message.js';

const card: InvoiceCard = {
  title: 'Invoice 26112000000000100010',
  fields: [
    { label: 'Type', value: '数电发票（普通发票）' },
    { label: 'Total (amount + tax)', value: '¥ 1,590.00' },
    { label: 'Requester', value: 'UEMP', userId: 'UEMP' },
  ],
  timeline: {
    label: 'Timeline',
    steps: [
      { label: 'Issued', state: 'done', at: '2026-11-25 10:00' },
      { label: 'Visible in tax system', state: 'pending', at: '≤ 2026-11-25 11:00' },
    ],
  },
  diagnosis: {
    headline: 'It should be visible by now, but the tax data does not have it.',
    evidence: ['Expected by 2026-11-25 11:00.'],
    next: 'This needs finance: escalate with the button below.',
  },
  footer: ['Tax data last synced 2026-11-27 15:00'],
  actions: [
    { id: 'troubleshoot:D26112000000000100010', label: 'Troubleshoot', style: 'primary' },
    { id: 'escalate:D26112000000000100010', label: 'Escalate' },
  ],
};

type AnyBlock = {
  type: string;
  text?: { text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<{ type: string; text?: { text: string } | string; action_id?: string; value?: string }>;
  accessory?: { text: { text: string } };
};

// Slack's documented limits (stack-notes.md); no npm package checks them.
function expectWithinLimits(message: ReturnType<typeof buildReplyMessage>) {
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  let chars = 0;
  for (const block of message.blocks as AnyBlock[]) {
    if (block.text) {
      expect(block.text.text.length).toBeLessThanOrEqual(block.type === 'header' ? 150 : 3000);
      chars += block.text.text.length;
    }
    expect((block.fields ?? []).length).toBeLessThanOrEqual(10);
    for (const f of block.fields ?? []) {
      expect(f.text.length).toBeLessThanOrEqual(2000);
      chars += f.text.length;
    }
    for (const el of block.elements ?? []) {
      if (el.type === 'button' && typeof el.text === 'object') {
        expect(el.text.text.length).toBeLessThanOrEqual(75);
        expect(el.action_id?.length ?? 0).toBeLessThanOrEqual(255);
        expect(el.value?.length ?? 0).toBeLessThanOrEqual(2000);
      }
      chars += typeof el.text === 'string' ? el.text.length : (el.text?.text.length ?? 0);
    }
    if (block.accessory) expect(block.accessory.text.text.length).toBeLessThanOrEqual(75);
  }
  return chars;
}

describe('buildReplyMessage', () => {
  it('renders a card as header, facts, timeline, diagnosis, buttons and footer', () => {
    expect(buildReplyMessage([{ kind: 'invoice', card }])).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": "Invoice 26112000000000100010",
              "type": "plain_text",
            },
            "type": "header",
          },
          {
            "fields": [
              {
                "text": "*Type*
      数电发票（普通发票）",
                "type": "mrkdwn",
              },
              {
                "text": "*Total (amount + tax)*
      ¥ 1,590.00",
                "type": "mrkdwn",
              },
              {
                "text": "*Requester*
      <@UEMP>",
                "type": "mrkdwn",
              },
            ],
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "*Timeline:* :white_check_mark: Issued 2026-11-25 10:00  →  :hourglass_flowing_sand: Visible in tax system ≤ 2026-11-25 11:00",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
          {
            "text": {
              "text": ":mag: *It should be visible by now, but the tax data does not have it.*
      • Expected by 2026-11-25 11:00.
      :point_right: This needs finance: escalate with the button below.",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "action_id": "invoice_troubleshoot",
                "style": "primary",
                "text": {
                  "text": "Troubleshoot",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "D26112000000000100010",
              },
              {
                "action_id": "invoice_escalate",
                "text": {
                  "text": "Escalate",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "D26112000000000100010",
              },
            ],
            "type": "actions",
          },
          {
            "elements": [
              {
                "text": "Tax data last synced 2026-11-27 15:00",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
        ],
        "text": "Invoice 26112000000000100010: It should be visible by now, but the tax data does not have it.",
      }
    `);
  });

  it('escapes user text so it cannot ping a channel or forge a link', () => {
    const message = buildReplyMessage([
      { kind: 'text', text: 'I don’t know the command “<!channel>” & <https://evil|click>' },
    ]);
    const json = JSON.stringify(message);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<https://evil');
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain(' &amp; &lt;https://evil|click&gt;');
  });

  it('stays within Block Kit limits for the largest realistic reply', () => {
    const long = '北京示例科技有限公司'.repeat(40);
    const big: InvoiceCard = {
      ...card,
      banner: `Maintenance in progress: ${long}`,
      fields: Array.from({ length: 12 }, (_, i) => ({ label: `Field ${i}`, value: long.repeat(6) })),
      diagnosis: { headline: long.repeat(10), evidence: Array.from({ length: 6 }, () => long.repeat(3)), next: long },
      footer: Array.from({ length: 12 }, () => long),
      actions: [{ id: `troubleshoot:${'D'.padEnd(2500, '9')}`, label: long }],
    };
    const replies: Reply[] = [
      { kind: 'text', text: long.repeat(20) },
      ...Array.from({ length: 5 }, () => ({ kind: 'invoice' as const, card: big })),
      {
        kind: 'list',
        title: long,
        items: Array.from({ length: 10 }, () => ({
          text: long,
          choice: { id: 'lookup:D26112000000000100016', label: long },
        })),
      },
    ];
    const message = buildReplyMessage(replies);
    const chars = expectWithinLimits(message);
    // Slack rejects messages whose blocks hold more than about 13,200 characters (bolt-js #2509).
    expect(chars).toBeLessThanOrEqual(13_200);
    expect(message.text.length).toBeLessThanOrEqual(3000);
  });

  it('continues a card with more than ten facts in a second section instead of dropping the last ones', () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ label: `Field ${i}`, value: `value ${i}` }));
    const message = buildReplyMessage([{ kind: 'invoice', card: { ...card, fields } }]);
    const sections = message.blocks.filter((b) => b.type === 'section' && 'fields' in b && b.fields);
    expect(sections.map((b) => ('fields' in b ? b.fields?.length : 0))).toEqual([10, 2]);
    expect(JSON.stringify(message.blocks)).toContain('*Field 11*\\nvalue 11');
    expectWithinLimits(message);
  });

  it('keeps a realistic five-invoice answer whole', () => {
    const message = buildReplyMessage(Array.from({ length: 5 }, () => ({ kind: 'invoice' as const, card })));
    expect(message.blocks).toHaveLength(30);
    expectWithinLimits(message);
  });
});
