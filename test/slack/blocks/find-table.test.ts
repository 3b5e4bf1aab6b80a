import type { TableBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { findReplies } from '../../../src/flows/find-replies.js';
import { catalogFor } from '../../../src/i18n/catalog-for.js';
import { buildReplyMessage } from '../../../src/slack/blocks/build-reply-message.js';
import { buildTableBlock } from '../../../src/slack/blocks/build-table-block.js';
import { createMemoryInvoiceStore } from '../../../src/store/memory-invoice-store.js';
import { ledger } from '../../helpers/fixtures.js';

const finance = { userId: 'UFIN', role: 'finance' as const };

async function store() {
  const s = createMemoryInvoiceStore();
  const records = Array.from({ length: 3 }, (_, i) =>
    ledger({
      ids: [{ kind: 'digital', number: `2611200000000000000${i}` }],
      issuedAt: `2026-11-0${i + 1}T02:00:00.000Z`,
      total: 113_000,
      requester: 'UEMP',
    }),
  );
  await s.importLedger(records, new Date('2026-11-27T07:00:00Z'));
  return s;
}

const tableOf = (blocks: ReturnType<typeof buildReplyMessage>['blocks']) =>
  blocks.filter((b): b is TableBlock => b.type === 'table');

describe('find results as a Slack table block', () => {
  it('draws one table with a header row and one raw_text row per result, buttons kept, in both languages', async () => {
    const s = await store();
    for (const [lang, header] of [
      ['en', 'Invoice'],
      ['zh', '发票'],
    ] as const) {
      const { blocks } = buildReplyMessage(
        await findReplies(s, finance, '2026-11', catalogFor(lang), 'Asia/Shanghai', 'private'),
      );
      const [table, ...others] = tableOf(blocks);
      expect(others).toEqual([]);
      expect(table?.rows).toHaveLength(4);
      expect(table?.rows[0]?.[0]).toEqual({ type: 'raw_text', text: header });
      expect(table?.rows[1]?.map((c) => ('text' in c ? c.text : ''))).toEqual([
        '26112000000000000002',
        '2026-11-03',
        expect.any(String),
        expect.any(String),
        '¥1,130.00',
        expect.any(String),
      ]);
      expect(blocks.find((b) => b.type === 'actions')).toMatchObject({ elements: { length: 3 } });
    }
  });

  it('masks amounts in a shared place, as the card does', async () => {
    const replies = await findReplies(await store(), finance, '2026-11', catalogFor('en'), 'Asia/Shanghai', 'shared');
    expect(JSON.stringify(tableOf(buildReplyMessage(replies).blocks))).not.toContain('1,130');
  });

  it('keeps to Slack’s limits: at most 100 rows including the header, at most 20 cells a row', () => {
    const rows = Array.from({ length: 150 }, (_, i) => Array.from({ length: 25 }, () => String(i)));
    const table = buildTableBlock(['a'], rows);
    expect(table.rows).toHaveLength(100);
    expect(Math.max(...table.rows.map((r) => r.length))).toBe(20);
  });

  it('draws only one table a message', () => {
    const list = { kind: 'list' as const, title: 't', items: [], table: { header: ['a'], rows: [['1']] } };
    expect(tableOf(buildReplyMessage([list, list]).blocks)).toHaveLength(1);
  });
});

describe('table cells', () => {
  it('cannot ping anyone from an imported company name', () => {
    const cell = buildTableBlock(['Seller'], [['<!here> 公司']]).rows[1]?.[0];
    expect(cell).toEqual({ type: 'raw_text', text: '<\u2060!here> 公司' });
  });
});
